/**
 * "Install the backpath CLI": the exact commands for this Backpath instance (built from its own address),
 * shown wherever a learner meets the command-line tool. The file comes from the API's
 * /downloads/backpath.mjs.
 */
import './cli-install.css';

export const CLI_DOWNLOAD_PATH = '/downloads/backpath.mjs';

export function cliInstallCommands(origin: string) {
  const url = `${origin}${CLI_DOWNLOAD_PATH}`;
  return {
    curl: `curl -fsSLo backpath.mjs ${url}`,
    powershell: `Invoke-WebRequest -Uri ${url} -OutFile backpath.mjs`,
    login: `node backpath.mjs login --server ${origin}`,
  };
}

export function CliInstall({
  origin = globalThis.location?.origin ?? '',
  open = false,
}: {
  /** This instance's address; the page's own origin unless a test passes one. */
  origin?: string;
  /** Shown expanded (where the learner most likely has not installed it yet). */
  open?: boolean;
}) {
  const commands = cliInstallCommands(origin);
  return (
    <details className="cli-install" open={open}>
      <summary>Install the backpath CLI</summary>
      <p>
        One file that runs with <strong>Node.js 22 or newer</strong> (check with <code>node --version</code>). Download
        it on macOS or Linux:
      </p>
      <pre className="console">{commands.curl}</pre>
      <p>or in Windows PowerShell:</p>
      <pre className="console">{commands.powershell}</pre>
      <p>then log in to this Backpath:</p>
      <pre className="console">{commands.login}</pre>
      <p className="muted">
        Where Backpath writes <code>backpath …</code>, type <code>node backpath.mjs …</code> (or put the file on your
        PATH as <code>backpath</code>). You can also{' '}
        <a href={CLI_DOWNLOAD_PATH} download="backpath.mjs">
          download backpath.mjs
        </a>{' '}
        from the browser.
      </p>
    </details>
  );
}
