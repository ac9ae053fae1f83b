import { Alert, List } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { ApiError } from "../api/problem";

/** An error as a readable notice: the problem's title and detail, then each error with where it points. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const heading = title ?? (error instanceof ApiError ? `${error.status} ${error.problem?.title ?? "Error"}` : "Error");
  const detail = error instanceof ApiError ? error.problem?.detail : error instanceof Error ? error.message : String(error);
  const pointed = error instanceof ApiError ? Object.entries(error.byPointer) : [];
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={heading} role="alert">
      {detail}
      {pointed.length > 0 && (
        <List size="sm" mt="xs">
          {pointed.map(([where, messages]) => (
            <List.Item key={where}>
              {where && <code>{where}</code>} {messages.join("; ")}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
