// A warning before leaving with unsaved work: the browser's own prompt on reload or close, and a confirm on
// navigation inside the app (react-router's blocker).
import { useEffect } from "react";
import { useBlocker } from "react-router";

export function useLeaveGuard(dirty: boolean, message = "You have unsaved changes. Leave and lose them?") {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = message;
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, message]);
}
