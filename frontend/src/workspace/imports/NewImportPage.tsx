// A new import: the file, the mapping that reads it (or none for TMF622 JSON Lines), the source; a preview of
// the first orders with every problem the server finds, then a dry run or the import itself. The server
// decides what is wrong; this page shows its answer (422s name the missing columns or the mapping).
import { useState } from "react";
import { Alert, Anchor, Button, FileInput, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import { PreviewTable } from "./PreviewTable";
import { useMappings, usePreview, useStartImport, type ImportMapping } from "./queries";

const NO_MAPPING = "";

export default function NewImportPage() {
  const navigate = useNavigate();
  const mappings = useMappings();
  const preview = usePreview();
  const start = useStartImport();
  const canAuthor = useCan("studio.edit");
  const [file, setFile] = useState<File | null>(null);
  const [mappingKey, setMappingKey] = useState<string>(NO_MAPPING);
  const [source, setSource] = useState("");
  const mapping: ImportMapping | undefined = mappings.data?.find((m) => m.key === mappingKey);
  const options = [{ value: NO_MAPPING, label: "None: TMF622 orders, one JSON per line" },
    ...(mappings.data ?? []).map((m) => ({ value: m.key, label: `${m.title ?? m.key} · v${m.version}` }))];

  const request = () => ({ file: file as File, mapping, source });
  const begin = (dryRun: boolean) => start.mutate({ ...request(), dryRun }, {
    onSuccess: (started) => navigate(paths.importDetail(started.id)),
  });
  const changed = () => { preview.reset(); start.reset(); };

  return (
    <Stack maw={1100}>
      <Text size="sm"><Link to={paths.imports()}>Imports</Link></Text>
      <PageHeader title="New import" description="Each order is checked as a single order is; re-importing an order already imported creates nothing." />
      {mappings.error && <ErrorNotice error={mappings.error} />}
      <Group align="flex-end" gap="md">
        <FileInput label="File" placeholder="CSV, XLSX or JSON Lines" w={320} clearable value={file}
          clearButtonProps={{ "aria-label": "Clear the file" }}
          accept=".csv,.txt,.xlsx,.jsonl,.ndjson" onChange={(chosen) => { setFile(chosen); changed(); }} />
        <Select label="Mapping" w={440} data={options} value={mappingKey} allowDeselect={false}
          onChange={(key) => { setMappingKey(key ?? NO_MAPPING); changed(); }} />
        <TextInput label="Source" w={180} placeholder={mapping?.source ?? "import"} value={source}
          onChange={(event) => setSource(event.currentTarget.value)} />
      </Group>
      {mapping && (
        <Text size="sm" c="dimmed" data-testid="mapping-columns">
          {mapping.description ? `${mapping.description} ` : ""}Reads the columns {mapping.columns.join(", ")}; rows with the same {mapping.orderKey} are one order.
        </Text>
      )}
      {mappings.data?.length === 0 && !canAuthor && (
        <Text size="sm" c="dimmed" data-testid="no-mappings">No import mapping is published yet: a CSV or XLSX file needs one. Ask a process admin to publish the mapping of your partner's format; JSON Lines of TMF622 orders import without one.</Text>
      )}
      {canAuthor && <Text size="sm">No mapping fits this file? <Anchor component={Link} to="/studio">Create one in the studio</Anchor> (kind import mapping).</Text>}
      <Group>
        <Button variant="default" disabled={!file} loading={preview.isPending} onClick={() => preview.mutate(request())}>Preview</Button>
        <Button variant="default" disabled={!file} loading={start.isPending && start.variables?.dryRun} onClick={() => begin(true)}>Dry run</Button>
        <Button disabled={!file} loading={start.isPending && !start.variables?.dryRun} onClick={() => begin(false)}>Start import</Button>
      </Group>
      {preview.error && <ErrorNotice error={preview.error} title="The file cannot be previewed" />}
      {start.error && <ErrorNotice error={start.error} title="The import did not start" />}
      {preview.data && (preview.data.orders.length === 0
        ? <Alert color="yellow" title="Nothing to import">The file holds no order after its header.</Alert>
        : <PreviewTable orders={preview.data.orders} />)}
    </Stack>
  );
}
