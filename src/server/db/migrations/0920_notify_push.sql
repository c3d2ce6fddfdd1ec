-- Web Push goes through the outbox (issue 21, item 1): a push message is a row written in the
-- transaction of the status change, one per subscription, delivered by notify's deliverer with
-- retries, back-off, dead letter and its key. The recipient is the subscription's id.
ALTER TABLE outbound_messages DROP CONSTRAINT IF EXISTS outbound_messages_channel_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_channel_check CHECK (channel IN ('sms','email','zalo','push'));
