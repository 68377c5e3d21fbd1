// Types of sectioned-file.mjs, for the tests that write catalogues with it.
export function writeSectionedFile(file: string, header: Record<string, unknown>, sections: Record<string, string>): void;
