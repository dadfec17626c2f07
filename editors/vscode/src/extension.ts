// Starts `almanac lsp` for the TOML files that are plans: the patterns of
// the `almanac.files` setting. Everything else (diagnostics, hover,
// completion, rename, formatting, inlay hints) is the server's.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("almanac");
  const command = config.get<string>("path", "almanac");
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const files = config.get<string[]>("files", ["**/plans/**/*.toml"]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: files.map((pattern) => ({ scheme: "file", language: "toml", pattern })),
    initializationOptions: { inlayHints: config.get<boolean>("inlayHints", true) },
    // Plans and fragments changed on disk (a checkout) are read again.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.toml") },
  };
  client = new LanguageClient("almanac", "almanac", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
