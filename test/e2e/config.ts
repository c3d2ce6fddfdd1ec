import { loadConfig } from "#server/config.ts";

export const HOTLINE_SECRET = "e2e-hotline-secret-0123456789";
/** The system administrator `admin` of the browser tests' city. */
export const ADMIN_PASSWORD = "Admin-e2e-12345";

/** The server's configuration in the browser tests: quiet logs, a generous login limit, a known admin password. */
export function e2eConfig(): ReturnType<typeof loadConfig> {
  return loadConfig({
    LOG_LEVEL: "silent",
    DATA_DIR: "/tmp/caunoi-e2e",
    SESSION_SECRET: "e".repeat(40),
    LOGIN_RATE_LIMIT: "1000",
    CAUNOI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The hotline's PBX webhook exists only with a secret (hotline.e2e.ts signs calls with it).
    HOTLINE_WEBHOOK_SECRET: HOTLINE_SECRET,
  });
}
