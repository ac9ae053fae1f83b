// Undo / redo over immutable values: every `set` pushes the previous value; `reset` starts a fresh history.
import { useCallback, useState } from "react";

interface State<T> {
  past: T[];
  present: T;
  future: T[];
}

const LIMIT = 200;

export function useHistory<T>(initial: T) {
  const [state, setState] = useState<State<T>>({ past: [], present: initial, future: [] });

  const set = useCallback((next: T | ((current: T) => T)) => {
    setState((s) => {
      const value = typeof next === "function" ? (next as (current: T) => T)(s.present) : next;
      if (Object.is(value, s.present)) return s;
      return { past: [...s.past, s.present].slice(-LIMIT), present: value, future: [] };
    });
  }, []);
  const undo = useCallback(() => setState((s) => (s.past.length === 0 ? s
    : { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] })), []);
  const redo = useCallback(() => setState((s) => (s.future.length === 0 ? s
    : { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) })), []);
  const reset = useCallback((value: T) => setState({ past: [], present: value, future: [] }), []);

  return { value: state.present, set, undo, redo, reset, canUndo: state.past.length > 0, canRedo: state.future.length > 0 };
}
