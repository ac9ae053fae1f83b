import { Alert, createTheme, type CSSVariablesResolver } from "@mantine/core";

// Shade 8 for filled buttons and a darker "dimmed" text: Mantine's defaults (blue.6 under white text, gray.6
// dimmed text) fall short of the WCAG AA contrast ratio that the accessibility checks hold every screen to.
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "sm",
  components: {
    // the light alert's coloured title is too pale on its tinted background: the text colour reads everywhere
    Alert: Alert.extend({ styles: { title: { color: "var(--mantine-color-text)" } } }),
  },
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { "--mantine-color-dimmed": t.colors.gray[7], "--mantine-color-placeholder": t.colors.gray[6] },
  dark: { "--mantine-color-dimmed": t.colors.dark[1] },
});
