import { Badge } from '@mantine/core';
import type { ImportStatus } from '../../../generated/graphql';
import { STATUS_COLORS, STATUS_LABELS } from '../runs';

/** Queued / Importing / Succeeded / Some failed / Failed. */
export function RunStatusBadge({ status }: { status: ImportStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" tt="none" fw={600} data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
