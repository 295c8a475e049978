import { verifyPackText, type PackVerification } from '../verify-pack';
import { browserCrypto } from './browser-crypto';

/* The offline page: open a pack (picker or drop), verify it here, show the verdict. Nothing leaves the browser. */

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing`);
  return found as T;
};

const verdict = element<HTMLElement>('verdict');
const trusted = element<HTMLInputElement>('trusted-key');

const row = (term: string, value: string): string => `<dt>${term}</dt><dd>${value}</dd>`;
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const show = (name: string, result: PackVerification): void => {
  const key = trusted.value.trim();
  const keyMismatch = result.ok && key !== '' && result.trustAnchorKeyId !== key;
  const ok = result.ok && !keyMismatch;
  verdict.dataset.state = ok ? 'ok' : 'failed';
  const facts: string[] = [row('File', escape(name))];
  if (result.checkpoint) {
    facts.push(
      row('Checkpoint', `position ${result.checkpoint.position} (${result.checkpoint.eventCount} events), taken ${escape(result.checkpoint.takenAt)}`),
      row('Merkle root', `<code>${result.checkpoint.root}</code>`),
      row('Signed by', `<code data-testid="pack-key">${escape(result.checkpoint.keyId)}</code>`),
      row('Key chain starts at', `<code>${escape(result.trustAnchorKeyId ?? '')}</code>${key ? (keyMismatch ? ' — not the key you trust' : ' — the key you trust') : ' — compare it with the key the bank publishes'}`),
    );
  }
  facts.push(row('Checked', `${result.eventsChecked} events in ${result.streams} stream(s), ${Math.round(result.elapsedMs)} ms`));
  const fault = result.fault;
  const heading = ok
    ? '✓ The pack verifies: every event is as the bank signed it'
    : keyMismatch
      ? `✗ Signed by another key than the one you trust (${escape(key)})`
      : '✗ The pack does not verify';
  const faultHtml = fault
    ? `<dl>${fault.event ? row('First failing event', `line ${fault.event.line}: ${escape(fault.event.streamId)} version ${fault.event.streamVersion}, position ${fault.event.position}`) : ''}${row(
        'Field',
        `<code data-testid="fault-field">${escape(fault.field)}</code>`,
      )}${row('What is wrong', escape(fault.message))}</dl>`
    : '';
  verdict.innerHTML = `<h2 data-testid="pack-verdict">${heading}</h2>${faultHtml}<dl>${facts.join('')}</dl>`;
};

const open = async (file: File): Promise<void> => {
  verdict.dataset.state = 'working';
  verdict.innerHTML = `<p>Verifying ${escape(file.name)}…</p>`;
  try {
    show(file.name, await verifyPackText(await file.text(), browserCrypto, () => performance.now()));
  } catch (error) {
    verdict.dataset.state = 'failed';
    verdict.innerHTML = `<h2 data-testid="pack-verdict">✗ Could not verify</h2><p>${escape((error as Error).message)}</p>`;
  }
};

const picker = element<HTMLInputElement>('pack-file');
picker.addEventListener('change', () => {
  const file = picker.files?.[0];
  if (file) void open(file);
});
const zone = element<HTMLElement>('drop-zone');
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.dataset.over = 'true';
});
zone.addEventListener('dragleave', () => delete zone.dataset.over);
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  delete zone.dataset.over;
  const file = event.dataTransfer?.files[0];
  if (file) void open(file);
});
if (!('subtle' in crypto)) verdict.innerHTML = '<p>This browser offers no WebCrypto here (it needs https, localhost or a file opened directly).</p>';
