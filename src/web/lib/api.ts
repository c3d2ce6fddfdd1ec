/** Problem details as the server sends them (RFC 9457). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: { pointer: string; message: string }[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

let csrfToken: string | null = null;
/** Set from /api/auth/me and login: cookie-authenticated writes must carry it. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

let language = "vi";
export function setApiLanguage(lang: string) {
  language = lang;
}

let clientHeaders: Record<string, string> = {};
/** Set once at start when the portal runs as the installed app: its requests then carry channel `app`. */
export function setInstalledApp(installed: boolean) {
  clientHeaders = installed ? { "x-client": "app" } : {};
}

async function request<T>(method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { "accept-language": language, ...clientHeaders, ...extra };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(url, { method, headers, body: payload ?? null, credentials: "same-origin" });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (!res.ok) {
    const problem: Problem = type.includes("json")
      ? ((await res.json()) as Problem)
      : { title: language === "en" ? "Network or server error" : "Lỗi kết nối hoặc máy chủ", status: res.status };
    throw new ApiError(problem);
  }
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(url: string) => request<T>("GET", url),
  post: <T>(url: string, body?: unknown) => request<T>("POST", url, body),
  put: <T>(url: string, body?: unknown) => request<T>("PUT", url, body),
  patch: <T>(url: string, body?: unknown) => request<T>("PATCH", url, body),
  delete: <T>(url: string) => request<T>("DELETE", url),
};

/**
 * The public portal's calls about one request, opened by its tracking secret (sent as a header, never
 * in the URL, so it stays out of logs and the phone's history): the same client, problems and all.
 */
export function withSecret(secret: string) {
  const headers = { "x-request-secret": secret };
  return {
    get: <T>(url: string) => request<T>("GET", url, undefined, headers),
    post: <T>(url: string, body?: unknown) => request<T>("POST", url, body, headers),
  };
}

/** Builds a query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : "";
}

/** Downloads a file from an authenticated GET (reports, exports), keeping the server's file name. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: "same-origin", headers: { "accept-language": language } });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({ title: "Lỗi tải tệp", status: res.status }))) as Problem;
    throw new ApiError(problem);
  }
  const blob = await res.blob();
  const disposition = res.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
