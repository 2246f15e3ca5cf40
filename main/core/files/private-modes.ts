/**
 * Permissions for what holds the user's own data (the state database with their export URLs
 * and history, a download while it is partial): readable by them alone, whatever the umask.
 * With the usual umask 022 a file would otherwise be 0644 and a folder 0755, open to every
 * user of the machine. Windows ignores all but the read-only bit.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;
