import type { RouteObject } from "react-router";
import { accountsPublicModule } from "./accounts/accounts.public.tsx";
import { carePublicModule } from "./care/care.public.tsx";
import { privacyPublicModule } from "./privacy/privacy.public.tsx";
import { voicePublicModule } from "./voice/voice.public.tsx";

/** A link on the public portal's home and menu. */
export interface PublicLinkDef {
  labelKey: string;
  descriptionKey?: string;
  path: string;
}

/** Public (worker-facing, no account) pages of one module. Keep them light: workers pay for data. */
export interface PublicModule {
  key: string;
  order: number;
  links: PublicLinkDef[];
  /** Routes relative to "/" (e.g. "hoi-dap"); use React.lazy so each page loads only its code. */
  routes: RouteObject[];
}

/** Every public module. A module adds one line. */
export const publicModules: PublicModule[] = [voicePublicModule, carePublicModule, privacyPublicModule, accountsPublicModule];
