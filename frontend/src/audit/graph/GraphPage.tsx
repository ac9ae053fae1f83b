// A5: a flow's or plan's graph at a version, drawn in the browser from the server's DOT with @viz-js/viz
// (loaded by dynamic import on this page only); print it (the print stylesheet hides the shell) or download it.
import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { Anchor, Button, Code, Group, Loader, Text } from "@mantine/core";
import { IconDownload, IconPrinter } from "@tabler/icons-react";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import { useDot } from "../queries";
import classes from "../audit.module.css";
import "./print.css";

export default function GraphPage() {
  const key = useParams().key ?? "";
  const version = Number(useParams().version);
  const dot = useDot(key, version);
  const holder = useRef<HTMLDivElement>(null);
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!dot.data) return undefined;
    let live = true;
    import("@viz-js/viz").then((viz) => viz.instance()).then((viz) => {
      if (!live || !holder.current) return;
      const element = viz.renderSVGElement(dot.data);
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", `Graph of ${key} version ${version}`);
      holder.current.replaceChildren(element);
      setSvg(new XMLSerializer().serializeToString(element));
    }).catch((failure: unknown) => live && setError(failure));
    return () => { live = false; };
  }, [dot.data, key, version]);

  const download = () => {
    if (!svg) return;
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${key}-v${version}.svg`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div data-print-graph>
      <PageHeader title={<>Graph of <Code fz="inherit">{key}</Code> v{version}</>}
        description={<span className="print-hide">Drawn from the version's DOT source; printable.</span>}
        actions={<Group gap="xs" className="print-hide">
          <Anchor component={Link} to={`${paths.auditRule(key)}?v=${version}`} size="sm">Version details</Anchor>
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} disabled={!svg}>Print</Button>
          <Button leftSection={<IconDownload size={16} />} onClick={download} disabled={!svg}>Download SVG</Button>
        </Group>} />
      {dot.error && <ErrorNotice error={dot.error} />}
      {error !== null && <ErrorNotice error={error} title="The graph could not be drawn" />}
      {!svg && !dot.error && error === null && <Loader aria-label="Drawing the graph" />}
      <div ref={holder} className={classes.svg} data-testid="graph" />
      {svg && <Text size="xs" c="dimmed" mt="xs" className="print-hide">Rendered in the browser with Graphviz (viz.js).</Text>}
    </div>
  );
}
