// Starts `almanac lsp` for the TOML files that are plans: the patterns of
// the `almanac.files` setting. Everything else (diagnostics, hover,
// completion, rename, formatting, inlay hints) is the server's. A
// diagnostic's code links to `almanac-explain:CODE`; this extension opens
// such a link as a Markdown document the server writes (`almanac/explain`).
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

const EXPLAIN_SCHEME = "almanac-explain";

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("almanac");
  const command = config.get<string>("path", "almanac");
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const files = config.get<string[]>("files", ["**/plans/**/*.toml"]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: files.map((pattern) => ({ scheme: "file", language: "toml", pattern })),
    initializationOptions: {
      inlayHints: config.get<boolean>("inlayHints", true),
      // Empty: codes link to `almanac-explain:CODE`, opened below.
      ...(config.get<string>("ruleLinks") ? { ruleLinks: config.get<string>("ruleLinks") } : {}),
    },
    // Plans and fragments changed on disk (a checkout) are read again.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.toml") },
  };
  client = new LanguageClient("almanac", "almanac", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });

  // A rule's explanation, read-only, for the link on a diagnostic's code.
  const explanations: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      const answer = await client?.sendRequest<{ markdown: string } | null>("almanac/explain", {
        code: uri.path,
      });
      return answer?.markdown ?? `No rule \`${uri.path}\`.`;
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explanations),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === EXPLAIN_SCHEME) {
        void vscode.languages.setTextDocumentLanguage(doc, "markdown");
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
