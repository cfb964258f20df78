/** What the administration tabs share: the tab's padding, the bar of actions and the tables. */
export const ADMIN_TAB_STYLES = `
  .tab {
    padding: 16px 0;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: center;
    margin-bottom: 12px;
  }
  .table-box {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font: var(--mat-sys-body-medium);
  }
  th,
  td {
    text-align: left;
    padding: 6px 8px;
    border-bottom: 1px solid var(--mat-sys-outline-variant);
  }
  th {
    background: var(--mat-sys-surface-container);
  }
`;
