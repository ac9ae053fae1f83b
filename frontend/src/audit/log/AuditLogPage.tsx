// A1: the audit log — filters (actor, entity, action, order, time) in the URL, each entry's hash, and the
// chain's verification: OK with the count, or the first broken entry named and highlighted.
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Badge, Button, Code, Group, SimpleGrid, Text, TextInput, Tooltip } from "@mantine/core";
import { IconShieldCheck } from "@tabler/icons-react";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useListParams } from "../../shared/url/useListParams";
import { LOG_FILTERS, logQuery, when, type LogFilter } from "../logic";
import { useAuditLog, verifyChain, type AuditCheck, type AuditEvent, type AuditQuery } from "../queries";
import classes from "../audit.module.css";

const LABELS: Record<LogFilter, string> = {
  actor: "Actor", entityType: "Entity type", entityId: "Entity id", action: "Action", orderId: "Order id",
  atFrom: "From (UTC)", atTo: "Before (UTC)",
};

export default function AuditLogPage() {
  const { params, update, offset } = useListParams(100);
  const query = logQuery(params.filters, offset, params.pageSize, params.sort) as AuditQuery;
  const log = useAuditLog(query);
  const verify = useMutation({ mutationFn: verifyChain });
  const broken = verify.data && !verify.data.intact ? verify.data.firstBrokenEntry : null;

  const columns: Column<AuditEvent>[] = [
    { key: "id", header: "#", width: "130px", sortKey: "id", render: (e) => e.id === broken
      ? <Group gap={4} wrap="nowrap"><span className={classes.broken}>{e.id}</span><Badge color="red.9" size="xs">broken</Badge></Group> : e.id },
    { key: "at", header: "When", width: "190px", sortKey: "at", render: (e) => when(e.at) },
    { key: "actor", header: "Actor", width: "140px", render: (e) => e.actor },
    { key: "action", header: "Action", width: "minmax(160px, 1fr)", render: (e) => <Code>{e.action}</Code> },
    { key: "entity", header: "Entity", width: "minmax(200px, 1.4fr)", render: (e) => <Text size="sm" truncate>{e.entityType} <Code>{e.entityId}</Code></Text> },
    { key: "hash", header: "Hash", width: "170px", render: (e) => (
      <Tooltip label={e.hash}><Code data-hash={e.hash} aria-label={`hash ${e.hash}`}>{e.hash.slice(0, 16)}…</Code></Tooltip>
    ) },
  ];

  return (
    <>
      <PageHeader title="Audit log" description="Every change, hash-chained: each entry's hash covers the one before it."
        actions={<Button leftSection={<IconShieldCheck size={16} />} onClick={() => verify.mutate()} loading={verify.isPending}>Verify chain</Button>} />
      <VerifyResult check={verify.data} error={verify.error} onShow={(id) => update({ filters: { ...Object.fromEntries(LOG_FILTERS.map((f) => [f, null])), idFrom: String(id) }, sort: "id" })} />
      {params.filters.idFrom && <Text size="sm" mb="xs">Showing entries from #{params.filters.idFrom} on, oldest first.</Text>}
      <Filters key={JSON.stringify(params.filters)} values={params.filters} onApply={(filters) => update({ filters })} />
      {log.error && <ErrorNotice error={log.error} />}
      <DataList label="Audit entries" columns={columns} rows={log.data?.rows ?? []} rowKey={(e) => String(e.id)}
        total={log.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={log.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize, page: 1 })}
        sort={params.sort ?? "-id"} onSort={(sort) => update({ sort })} empty="No entries match these filters." />
    </>
  );
}

function VerifyResult({ check, error, onShow }: { check?: AuditCheck; error: unknown; onShow: (id: number) => void }) {
  if (error) return <ErrorNotice error={error} title="The chain could not be verified" />;
  if (!check) return null;
  if (check.intact) {
    return <Alert color="teal" mb="md" role="status" title="Chain OK" data-testid="verify-result">All {check.checked} entries intact: each entry's hash matches its content and the entry before it.</Alert>;
  }
  return (
    <Alert color="red" mb="md" role="alert" title={`Chain broken at entry #${check.firstBrokenEntry}`} data-testid="verify-result">
      <Group gap="xs">
        <Text size="sm">{check.reason}. The {check.checked} entries before it are intact; from #{check.firstBrokenEntry} on the log cannot be trusted.</Text>
        {check.firstBrokenEntry !== null && <Button size="xs" variant="light" color="red" onClick={() => onShow(check.firstBrokenEntry!)}>Show entry #{check.firstBrokenEntry}</Button>}
      </Group>
    </Alert>
  );
}

function Filters({ values, onApply }: { values: Record<string, string>; onApply: (filters: Record<string, string | null>) => void }) {
  const [draft, setDraft] = useState<Record<string, string>>(values);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...Object.fromEntries(LOG_FILTERS.map((name) => [name, draft[name]?.trim() || null])), idFrom: null });
  };
  const clear = () => {
    setDraft({});
    onApply({ ...Object.fromEntries(LOG_FILTERS.map((name) => [name, null])), idFrom: null });
  };
  return (
    <form onSubmit={submit} aria-label="Filters" className={classes.filters}>
      <SimpleGrid cols={{ base: 2, md: 4, lg: 7 }} spacing="xs">
        {LOG_FILTERS.map((name) => (
          <TextInput key={name} size="xs" label={LABELS[name]} name={name} value={draft[name] ?? ""}
            type={name === "atFrom" || name === "atTo" ? "datetime-local" : "text"}
            onChange={(event) => { const value = event.currentTarget.value; setDraft((d) => ({ ...d, [name]: value })); }} />
        ))}
      </SimpleGrid>
      <Group gap="xs" mt="xs" mb="md">
        <Button type="submit" size="xs">Apply filters</Button>
        <Button size="xs" variant="default" onClick={clear}>Clear</Button>
      </Group>
    </form>
  );
}
