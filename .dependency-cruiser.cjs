/**
 * The walls between the rooms (docs/ARCHITECTURE.md). `npm run check:arch` fails on any of these.
 * A module's door is its `index.ts`: another module imports that and nothing else of it.
 */
module.exports = {
  forbidden: [
    {
      name: "module-door",
      comment: "Another module is reached through its index.ts (its published functions), never its internals.",
      severity: "error",
      from: { path: "^src/server/modules/([^/]+)/" },
      to: {
        path: "^src/server/modules/[^/]+/",
        pathNot: ["^src/server/modules/$1/", "^src/server/modules/[^/]+/index[.]ts$"],
      },
    },
    {
      name: "root-through-doors",
      comment: "providers.ts and the shared memo reach modules through their doors; only modules/index.ts (the route list) sees routes.",
      severity: "error",
      from: { path: "^src/server/modules/[^/]+[.]ts$", pathNot: "^src/server/modules/index[.]ts$" },
      to: { path: "^src/server/modules/[^/]+/", pathNot: "^src/server/modules/[^/]+/index[.]ts$" },
    },
    {
      name: "modules-not-back-to-app",
      comment: "Routes take AppDeps and the cookie name from src/server/http/deps.ts; app.ts assembles modules, not the reverse.",
      severity: "error",
      from: { path: "^src/server/(modules|http)/" },
      to: { path: "^src/server/(app|main|bootstrap)[.]ts$" },
    },
    {
      name: "http-below-modules",
      comment: "The HTTP layer (errors, context, deps) is shared by every module and knows none of them.",
      severity: "error",
      from: { path: "^src/server/http/" },
      to: { path: "^src/server/modules/", pathNot: ["^src/server/modules/[^/]+/index[.]ts$"] },
    },
    {
      name: "shared-stands-alone",
      comment: "src/shared is imported by server and web alike, so it imports neither.",
      severity: "error",
      from: { path: "^src/shared/", pathNot: "[.]test[.]ts$" },
      to: { path: "^src/(server|web)/" },
    },
    {
      name: "web-not-server",
      comment: "The web client talks to the server over HTTP and shares types only through src/shared.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/server/" },
    },
    {
      name: "server-not-web",
      severity: "error",
      from: { path: "^src/server/" },
      to: { path: "^src/web/" },
    },
    {
      name: "no-test-code-in-production",
      comment: "Test helpers live under test/; production code never imports them or a *.test.ts file.",
      severity: "error",
      from: { path: "^src/", pathNot: "[.](test|e2e)[.]tsx?$" },
      to: { path: "(^test/|[.]test[.]tsx?$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^(src|test)/",
    exclude: { path: "^src/web/dist" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
