import { type CSSVariablesResolver, DEFAULT_THEME, type MantineColorsTuple, createTheme, darken, luminance, toRgba } from "@mantine/core";

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (color: string) => {
  const { r, g, b } = toRgba(color);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
};

/** The colour darkened by small steps until it reads at 4.5:1 (WCAG AA, normal text) on every background given. */
export function readableOn(color: string, backgrounds: string[], ratio = 4.6): string {
  let c = hex(color);
  for (let i = 0; i < 40 && backgrounds.some((bg) => contrastRatio(c, bg) < ratio); i++) c = hex(darken(c, 0.04));
  return c;
}

/**
 * Mantine's palettes with the two shades the app writes text in made readable: shade 8 (text, links,
 * filled buttons and badges with white letters, since primaryShade is 8) on white, and shade 9 (the
 * letters of "light" badges, alerts and buttons) on shade 1, their background, and on shade 2, the
 * background of a "light" button under the mouse. Mantine's own orange, teal,
 * green, yellow… fall short (a teal badge at 4.3:1, an orange one at 3.6:1, a yellow one at 2.7:1).
 */
export function readableColors(colors: Record<string, MantineColorsTuple> = DEFAULT_THEME.colors): Record<string, MantineColorsTuple> {
  const out: Record<string, MantineColorsTuple> = {};
  for (const [name, shades] of Object.entries(colors)) {
    if (name === "dark") {
      out[name] = shades;
      continue;
    }
    const s = [...shades];
    const eight = readableOn(s[8] as string, ["#ffffff", s[0] as string]);
    // Shade 9 stays at least as dark as shade 8, so hover states (8 → 9) never lighten.
    const nineFrom = luminance(s[9] as string) <= luminance(eight) ? (s[9] as string) : eight;
    const nine = readableOn(nineFrom, ["#ffffff", s[0] as string, s[1] as string, s[2] as string]);
    s[8] = eight;
    s[9] = nine;
    out[name] = s as unknown as MantineColorsTuple;
  }
  return out;
}

/**
 * The app's Mantine theme: readable colours, sentence-case badges, keyboard-reachable scrolling
 * tables, and the words screen readers say for Mantine's own icon buttons, in the user's language.
 */
export function appTheme(labels: { close: string }) {
  return createTheme({
    primaryColor: "blue",
    // Shade 8 keeps links and buttons above the 4.5:1 contrast that WCAG AA asks of normal text.
    primaryShade: { light: 8, dark: 8 },
    colors: readableColors(),
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
    defaultRadius: "md",
    // Every focusable element shows Mantine's focus ring when reached by the keyboard.
    focusRing: "auto",
    // Plain objects, not Badge.extend(): importing a component here puts it in the public portal's first
    // download (issue 21's 200 KB budget) — TableScrollContainer alone brought ScrollArea and floating-ui.
    components: {
      // Vietnamese words lose their diacritics' legibility in all caps: badges keep sentence case.
      Badge: { defaultProps: { variant: "dot" }, styles: { label: { textTransform: "none" } } },
      // A table wider than a phone scrolls sideways: its viewport takes focus so the keyboard can scroll it too.
      TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
      // The × of a dialog or drawer is an icon: it needs a name ("Đóng") to be announced as more than "button".
      Modal: { defaultProps: { closeButtonProps: { "aria-label": labels.close } } },
      Drawer: { defaultProps: { closeButtonProps: { "aria-label": labels.close } } },
    },
  });
}

// Mantine's default "dimmed" grey (#868e96) falls below 4.5:1 on white: a darker grey keeps
// secondary text readable in bright offices and on phones outdoors.
export const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#5f666d" },
  dark: { "--mantine-color-dimmed": "#a6adb4" },
});
