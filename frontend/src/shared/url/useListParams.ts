// A list's paging, sort and filters live in the URL's query string, so a list can be bookmarked and shared.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export interface ListParams {
  page: number;
  pageSize: number;
  sort: string | null;
  filters: Record<string, string>;
}

const RESERVED = new Set(["page", "size", "sort"]);

export function useListParams(defaultPageSize = 50) {
  const [search, setSearch] = useSearchParams();
  const params: ListParams = useMemo(() => {
    const filters: Record<string, string> = {};
    search.forEach((value, name) => {
      if (!RESERVED.has(name) && value !== "") filters[name] = value;
    });
    return {
      page: Math.max(1, Number(search.get("page")) || 1),
      pageSize: Math.min(1000, Math.max(1, Number(search.get("size")) || defaultPageSize)),
      sort: search.get("sort"),
      filters,
    };
  }, [search, defaultPageSize]);

  const update = useCallback(
    (change: Partial<{ page: number; pageSize: number; sort: string | null; filters: Record<string, string | null> }>) => {
      setSearch((current) => {
        const next = new URLSearchParams(current);
        const put = (name: string, value: string | number | null | undefined) =>
          value === null || value === undefined || value === "" ? next.delete(name) : next.set(name, String(value));
        if (change.filters) {
          for (const [name, value] of Object.entries(change.filters)) put(name, value);
          next.delete("page");
        }
        if (change.sort !== undefined) put("sort", change.sort);
        if (change.pageSize !== undefined) put("size", change.pageSize === defaultPageSize ? null : change.pageSize);
        if (change.page !== undefined) put("page", change.page === 1 ? null : change.page);
        return next;
      }, { replace: true });
    },
    [setSearch, defaultPageSize],
  );

  return { params, update, offset: (params.page - 1) * params.pageSize };
}
