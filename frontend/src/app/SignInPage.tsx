import { useState, type FormEvent } from "react";
import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useMe, useSignIn } from "../shared/auth/session";
import { ApiError } from "../shared/api/problem";

/** Sign in with the server's session (a cookie and its CSRF token); back to where the user was going. */
export default function SignInPage() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn();
  const { data: me } = useMe();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(search.get("next"));
  if (me) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: () => navigate(next, { replace: true }) });
  };
  const error = signIn.error;
  const fieldErrors = error instanceof ApiError ? error.byPointer : {};
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">Sign in to Ordo</Title>
            <TextInput label="Username" name="username" autoComplete="username" value={username} required
              onChange={(e) => setUsername(e.currentTarget.value)} error={fieldErrors["/username"]?.join("; ")} autoFocus />
            <PasswordInput label="Password" name="password" autoComplete="current-password" value={password} required
              onChange={(e) => setPassword(e.currentTarget.value)} error={fieldErrors["/password"]?.join("; ")} />
            {error && !fieldErrors["/username"] && !fieldErrors["/password"] && (
              <Text c="red" size="sm" role="alert">{signInMessage(error)}</Text>
            )}
            <Button type="submit" loading={signIn.isPending}>Sign in</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function signInMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return "Wrong username or password.";
  if (error instanceof ApiError && error.status === 429) return "Too many attempts: wait a minute and try again.";
  return error instanceof Error ? error.message : "Could not sign in.";
}

/** Only paths of this app are followed after sign-in (never another origin). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
