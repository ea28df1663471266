/** Loads the QuickJS WebAssembly module once per thread; runtimes and contexts are then cheap. */
import { newQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten';

let loading: Promise<QuickJSWASMModule> | undefined;

export function loadQuickJS(): Promise<QuickJSWASMModule> {
  loading ??= newQuickJSWASMModule();
  return loading;
}
