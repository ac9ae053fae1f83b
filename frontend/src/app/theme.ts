import { Alert, Notification, createTheme, type CSSVariablesResolver } from "@mantine/core";

// Shade 9 (light) / 8 (dark) for the primary colour, text colour chosen by contrast on filled badges, and a darker "dimmed" text: Mantine's defaults (blue.6 under white text, gray.6
// dimmed text) fall short of the WCAG AA contrast ratio that the accessibility checks hold every screen to.
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  respectReducedMotion: true,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "sm",
  components: {
    // the light alert's coloured title is too pale on its tinted background: the text colour reads everywhere
    Alert: Alert.extend({ styles: { title: { color: "var(--mantine-color-text)" } } }),
    Notification: Notification.extend({ styles: { description: { color: "var(--mantine-color-dimmed)" } } }),
  },
});

// "light" variants (tinted buttons, badges, alerts): the two palest tints as background and hover, the darkest
// shade as text (a dark brown for the bright palettes), so every one reads at AA contrast, hovered or not.
const BRIGHT = new Set(["yellow", "orange", "lime"]);
function lightVariantText(colors: Record<string, readonly string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(colors).flatMap(([name, shades]) => [
    [`--mantine-color-${name}-light-color`, BRIGHT.has(name) ? "#5c3d00" : name === "green" ? "#237032" : shades[9]], // green.9: 4.07:1
    [`--mantine-color-${name}-light`, shades[0]],
    [`--mantine-color-${name}-light-hover`, shades[1]],
  ]));
}

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { "--mantine-color-dimmed": t.colors.gray[7], "--mantine-color-placeholder": t.colors.gray[6], ...lightVariantText(t.colors) },
  dark: { "--mantine-color-dimmed": t.colors.dark[1] },
});
