// A light badge that keeps its whole label inside a table cell (Mantine's label would shrink to an ellipsis there)
// and whose text is the colour's darkest shade darkened further (AA contrast on the light background; lightest in dark mode).
import { Badge, type BadgeProps } from "@mantine/core";
import type { ReactNode } from "react";

export function Tag({ children, style, color = "blue", ...props }: BadgeProps & { children: ReactNode; title?: string }) {
  const text = `light-dark(color-mix(in srgb, var(--mantine-color-${color}-9) 60%, black), var(--mantine-color-${color}-1))`;
  return <Badge variant="light" color={color} {...props} style={{ minWidth: "max-content", color: text, ...(style as object) }}>{children}</Badge>;
}
