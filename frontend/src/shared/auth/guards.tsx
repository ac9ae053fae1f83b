import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Center, Loader } from "@mantine/core";
import { useMe } from "./session";
import { Forbidden } from "../ui/Forbidden";
import { ErrorNotice } from "../ui/ErrorNotice";

/** Children only for a signed-in user; anyone else goes to the sign-in page and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <Center h="100vh"><Loader aria-label="Loading" /></Center>;
  if (error) return <ErrorNotice error={error} />;
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <>{children}</>;
}

/** Children only when the role holds `permission`; otherwise a page that says why. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  if (!me.permissions.includes(permission)) return <Forbidden me={me} permission={permission} />;
  return <>{children}</>;
}
