import { execFileSync, spawn } from 'node:child_process'

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Runs a command and stops this script when it fails. */
export async function must(command, args, options) {
  const code = await run(command, args, options)
  if (code !== 0) process.exit(code)
}

export function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

/**
 * Debian's Chromium is the only browser the tests use. As root (CI) it is installed when missing;
 * otherwise one line says what to install.
 */
export async function ensureChromium() {
  if (process.env.CHROMIUM_PATH || which('chromium') || which('chromium-browser')) return
  if (process.getuid?.() !== 0) {
    console.error('userkit tests need Chromium: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).')
    process.exit(1)
  }
  console.log('Installing Debian\'s chromium package (tests need a real browser)…')
  await must('apt-get', ['update', '-qq'])
  // With its recommended packages (fonts among them), as on the machines the screenshot baselines come from.
  await must('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core', 'fonts-liberation'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}
