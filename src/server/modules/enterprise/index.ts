/** What other modules may use from the enterprise side (eHeza): nothing yet — it calls voice and relations through their doors. */
export {};
