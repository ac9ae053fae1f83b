// A badge that keeps its whole label inside a table cell (Mantine's label would shrink to an ellipsis there).
import { Badge, type BadgeProps } from "@mantine/core";
import type { ReactNode } from "react";

export function Tag({ children, style, ...props }: BadgeProps & { children: ReactNode; title?: string }) {
  return <Badge variant="light" {...props} style={{ minWidth: "max-content", ...(style as object) }}>{children}</Badge>;
}
