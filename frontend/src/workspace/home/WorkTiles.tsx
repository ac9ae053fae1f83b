// W1: the signed-in person's work at a glance (counts per tile, each opening its filtered list). Placeholder.
export default function WorkTiles() {
  return null;
}
