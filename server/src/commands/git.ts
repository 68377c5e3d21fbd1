import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A reason `--changed-since` cannot work (no git, not a repository, unknown ref): exit code 2. */
export class GitError extends Error {}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new GitError(code === 'ENOENT' ? '--changed-since needs git, which was not found on the PATH' : `cannot run git: ${r.error.message}`);
  }
  if (r.status !== 0) throw new GitError(r.stderr.trim() || `git ${args[0]} failed with exit code ${r.status}`);
  return r.stdout;
}

/**
 * The files (absolute paths) that differ from `ref` in the work tree of the repository
 * holding `cwd`: committed, staged and unstaged changes (`git diff --name-only ref`), and
 * untracked files that are not ignored. Deleted and renamed files are listed by their old
 * path too, so the module they left is scanned again.
 */
export function changedFiles(ref: string, cwd: string): string[] {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (e) {
    if (e instanceof GitError && /not a git repository/i.test(e.message)) throw new GitError(`--changed-since: ${cwd} is not inside a git repository`);
    throw e;
  }
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top);
  } catch (e) {
    if (e instanceof GitError) throw new GitError(`--changed-since: "${ref}" is not a commit, branch or tag of this repository`);
    throw e;
  }
  const diff = git(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', ref, '--'], top);
  const untracked = git(['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z'], top);
  const names = [...diff.split('\0'), ...untracked.split('\0')].filter(Boolean);
  // Paths as the scan spells them (from cwd, which may be reached through a symbolic link).
  const realCwd = fs.realpathSync(cwd);
  return [...new Set(names.map((n) => path.resolve(cwd, path.relative(realCwd, path.resolve(top, n)))))].sort();
}
