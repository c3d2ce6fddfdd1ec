import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { contrastRatio, readableColors } from "./theme.ts";

describe("the app's palette reads at WCAG AA", () => {
  const colors = readableColors();
  const names = Object.keys(DEFAULT_THEME.colors).filter((n) => n !== "dark");

  it("Mantine's own palette does not (why the app has its own)", () => {
    expect(contrastRatio(DEFAULT_THEME.colors.orange[8], "#ffffff")).toBeLessThan(4.5);
    expect(contrastRatio(DEFAULT_THEME.colors.teal[9], DEFAULT_THEME.colors.teal[1])).toBeLessThan(4.5);
    expect(contrastRatio(DEFAULT_THEME.colors.yellow[9], DEFAULT_THEME.colors.yellow[1])).toBeLessThan(4.5);
    // A "light" button under the mouse: blue 9 on blue 2 (the enterprise inbox's "Mở" at 4.01:1).
    expect(contrastRatio(DEFAULT_THEME.colors.blue[9], DEFAULT_THEME.colors.blue[2])).toBeLessThan(4.5);
  });

  it.each(names)("%s: text and filled shade 8 on white, light shade 9 on shade 1 and on its hover shade 2, at 4.5:1 or more", (name) => {
    const s = colors[name] as readonly string[];
    expect(contrastRatio(s[8] as string, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(s[8] as string, s[0] as string)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(s[9] as string, s[1] as string)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(s[9] as string, s[2] as string)).toBeGreaterThanOrEqual(4.5);
    // The lighter shades (backgrounds) are Mantine's own.
    expect(s.slice(0, 8)).toEqual(DEFAULT_THEME.colors[name]?.slice(0, 8));
  });
});
