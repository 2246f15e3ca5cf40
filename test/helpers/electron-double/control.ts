import type { ControlCommand, ControlReply, ControlRequest, ProtocolAnswer, QuitFinishedNotice, SenderFrameChoice } from './control-protocol';
import type { world as World } from './world';

/**
 * The child's end of the control channel: runs the test's commands against the raw doubles
 * (firing `ready`, calling a protocol or IPC handler, finishing a page load, quitting) and
 * answers each by its id. While the channel is open it keeps the process alive, as Electron's
 * message loop does; when the quit sequence ends it closes, so the process then ends only if
 * main released everything it held.
 */

type TheWorld = typeof World;

/** The main window's raw double, or an error saying there is none yet. */
function mainWindow(world: TheWorld) {
  const window = world.windows()[0];
  if (!window) throw new Error('There is no window yet.');
  return window;
}

/** The event an IPC call from `choice` would carry. */
function invokeEvent(world: TheWorld, choice: SenderFrameChoice): unknown {
  const window = mainWindow(world);
  const contents = window.rawContents;
  const senderFrame =
    choice.frame === 'none'
      ? null
      : choice.frame === 'iframe'
        ? contents.childFrame(choice.url ?? contents.mainFrame.url)
        : { ...contents.mainFrame, url: choice.url ?? contents.mainFrame.url };
  return {
    type: 'frame',
    sender: window.webContents,
    senderFrame,
    processId: contents.mainFrame.processId,
    frameId: senderFrame?.routingId ?? -1,
  };
}

async function run(world: TheWorld, command: ControlCommand): Promise<unknown> {
  switch (command.type) {
    case 'ready':
      world.raw.app.fireReady();
      return null;
    case 'protocol-request': {
      const response = await world.raw.protocol.request(command.url);
      const answer: ProtocolAnswer = {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        bodyBase64: Buffer.from(await response.arrayBuffer()).toString('base64'),
      };
      return answer;
    }
    case 'invoke':
      return world.raw.ipcMain.invoke(command.channel, invokeEvent(world, command.sender), command.args);
    case 'page-load': {
      const contents = mainWindow(world).rawContents;
      if (command.outcome === 'finish') contents.finishLoad();
      else contents.failLoad(command.code, command.description);
      return null;
    }
    case 'response-headers':
      return world.raw.session.rawWebRequest.responseHeaders(command.url, command.headers);
    case 'permission': {
      const handler = world.raw.session.permissionRequest;
      if (!handler) throw new Error('main set no permission request handler');
      return new Promise<boolean>((resolve) => handler(mainWindow(world).webContents, command.permission, resolve, {}));
    }
    case 'window-open': {
      const handler = mainWindow(world).rawContents.windowOpenHandler;
      if (!handler) throw new Error('main set no window-open handler');
      return handler({ url: command.url });
    }
    case 'quit':
      world.raw.app.quit();
      return null;
    case 'settle':
      return new Promise((resolve) => setImmediate(() => resolve(null)));
  }
}

/** Starts answering the test's commands. */
export function startControlChannel(world: TheWorld): void {
  const send = (message: ControlReply | QuitFinishedNotice) => process.send?.(message);
  process.on('message', (message: ControlRequest) => {
    run(world, message).then(
      (value) => send({ id: message.id, ok: true, value }),
      (error: unknown) => send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  world.onQuitFinished(() => {
    const activeResources = process.getActiveResourcesInfo();
    world.journal.record('event', 'process:quit-finished', [activeResources]);
    const notice: QuitFinishedNotice = { type: 'quit-finished', activeResources };
    // Electron would end the process here. Closing the channel instead (once the notice is out)
    // lets it end by itself, which it does only when main released every server, socket, file
    // and worker it held.
    process.send?.(notice, undefined, undefined, () => process.disconnect());
    setTimeout(() => world.journal.record('event', 'process:still-running', [process.getActiveResourcesInfo()]), 3000).unref();
  });
}
