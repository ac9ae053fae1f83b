// Toasts for background results (a publish, a change on the server); the close button has a name.
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";

export function toast(options: { id?: string; color?: string; title: ReactNode; message: ReactNode }): void {
  notifications.show({ ...options, closeButtonProps: { "aria-label": "Dismiss" } });
}
