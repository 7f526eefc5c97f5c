// One section of the reports page: a heading, a chart or a table of the same figures (the reader
// chooses; the table is always one press away), and the figures as a CSV download.
import { useId, useState, type ReactNode } from 'react';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { toCsv, type Table } from './report-table.ts';

interface ReportSectionProps {
  title: string;
  /** Used for the CSV's file name. */
  name: string;
  table: Table;
  /** A chart of the table's figures; without one the table is shown. */
  chart?: ReactNode;
  intro?: string;
  children?: ReactNode;
}

function download(name: string, table: Table) {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ReportSection({ title, name, table, chart, intro, children }: ReportSectionProps) {
  const id = useId();
  const [view, setView] = useState<'chart' | 'table'>(chart ? 'chart' : 'table');
  const empty = table.rows.length === 0;
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <div className="report-section__head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="report-section__tools">
          {chart && !empty && (
            <div role="group" aria-label={t('reports.view')} className="report-section__views">
              <Button
                variant={view === 'chart' ? 'primary' : 'secondary'}
                aria-pressed={view === 'chart'}
                onClick={() => setView('chart')}
              >
                {t('reports.view.chart')}
              </Button>
              <Button
                variant={view === 'table' ? 'primary' : 'secondary'}
                aria-pressed={view === 'table'}
                onClick={() => setView('table')}
              >
                {t('reports.view.table')}
              </Button>
            </div>
          )}
          {!empty && (
            <Button variant="secondary" onClick={() => download(name, table)}>
              {t('reports.csv')}
            </Button>
          )}
        </div>
      </div>
      {intro && <p className="report-section__intro">{intro}</p>}
      {empty ? (
        <p>{t('reports.none')}</p>
      ) : view === 'chart' && chart ? (
        chart
      ) : (
        <div
          className="report-table"
          tabIndex={0}
          role="region"
          aria-label={`${title} – ${t('reports.view.table')}`}
        >
          <table>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
