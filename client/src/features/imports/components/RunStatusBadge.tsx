import { Badge } from '@mantine/core';
import type { ImportStatus } from '../../../generated/graphql';
import { STATUS_COLORS, STATUS_LABELS } from '../runs';

/** Queued / Importing / Succeeded / Some failed / Failed. */
export function RunStatusBadge({ status }: { status: ImportStatus }) {
  // miw: never cut to "Some f…" by a narrow table column.
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      radius="sm"
      tt="none"
      fw={600}
      miw="max-content"
      data-status={status}
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}
