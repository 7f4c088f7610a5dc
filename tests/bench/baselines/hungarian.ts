/**
 * Minimum-cost assignment of every row to a distinct column (rows ≤ columns) by the Hungarian
 * method with potentials, O(rows² × columns). `cost[r][c]` may be any finite number.
 * Returns the column of each row.
 */
export function assignRows(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const columns = cost[0]?.length ?? 0;
  if (rows === 0) return [];
  if (rows > columns) throw new Error(`more rows (${rows}) than columns (${columns})`);
  // 1-based arrays as in the textbook formulation; column 0 is a virtual start.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(columns + 1);
  const rowOfColumn = new Int32Array(columns + 1);
  const way = new Int32Array(columns + 1);
  for (let r = 1; r <= rows; r += 1) {
    rowOfColumn[0] = r;
    let column = 0;
    const minSlack = new Float64Array(columns + 1).fill(Infinity);
    const visited = new Uint8Array(columns + 1);
    do {
      visited[column] = 1;
      const row = rowOfColumn[column]!;
      let delta = Infinity;
      let next = 0;
      for (let c = 1; c <= columns; c += 1) {
        if (visited[c]) continue;
        const slack = cost[row - 1]![c - 1]! - u[row]! - v[c]!;
        if (slack < minSlack[c]!) {
          minSlack[c] = slack;
          way[c] = column;
        }
        if (minSlack[c]! < delta) {
          delta = minSlack[c]!;
          next = c;
        }
      }
      for (let c = 0; c <= columns; c += 1) {
        if (visited[c]) {
          const rc = rowOfColumn[c]!;
          u[rc] = u[rc]! + delta;
          v[c] = v[c]! - delta;
        } else minSlack[c] = minSlack[c]! - delta;
      }
      column = next;
    } while (rowOfColumn[column] !== 0);
    do {
      const previous = way[column]!;
      rowOfColumn[column] = rowOfColumn[previous]!;
      column = previous;
    } while (column !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let c = 1; c <= columns; c += 1) if (rowOfColumn[c]! > 0) result[rowOfColumn[c]! - 1] = c - 1;
  return result;
}
