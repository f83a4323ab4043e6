"""The command-line shell's cross-app commands (`init`, `demo`, `import`, `export`,
`person`, `backup`, `restore`): thin wrappers that may call any app, as the web and API do.
Commands that belong to one app live in that app's `management/commands`."""
