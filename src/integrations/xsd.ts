/**
 * XML Schema validation of the messages we send and receive (xmllint-wasm: libxml2 compiled to
 * WebAssembly, no native code), one validator per schema: its files are read once, on first use, and
 * a document the validator cannot even parse is refused with the parser's message instead of throwing.
 */
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

export interface XsdVerdict {
  readonly valid: boolean;
  /** xmllint's messages, one per problem (file, line and what is wrong); empty when valid. */
  readonly errors: readonly string[];
}

/** The schema a document is checked against, and the schemas it imports by relative location (the validator has no file system). */
export interface SchemaFiles {
  readonly schema: XMLFileInfo;
  readonly preload?: readonly XMLFileInfo[];
}

export interface XsdOptions {
  /**
   * Validate while reading (xmllint --stream) instead of building the whole document in memory first.
   * For documents that grow with the municipality (the KPR extract of an Oslo-size municipality is tens
   * of megabytes): libxml2 in WebAssembly has 32 MiB, and the whole tree of such a file does not fit.
   */
  readonly stream?: boolean;
}

/**
 * A validator for one schema whose files `load` reads (once). It takes the document as text or as
 * UTF-8 bytes; hand a large one over as bytes: libxml2 runs in a worker thread, and bytes are copied
 * to it as a block of memory, where a string of tens of megabytes is copied on the event loop.
 */
export function xsdValidator(load: () => Promise<SchemaFiles>, documentName = 'message.xml', options: XsdOptions = {}): (xml: string | Uint8Array) => Promise<XsdVerdict> {
  let files: Promise<SchemaFiles> | null = null;
  return async (xml) => {
    files ??= load();
    const { schema, preload } = await files;
    try {
      const result = await validateXML({ xml: [{ fileName: documentName, contents: xml }], schema: [schema], ...(preload ? { preload: [...preload] } : {}), stream: options.stream === true });
      return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
    } catch (e) {
      return { valid: false, errors: [e instanceof Error ? e.message : String(e)] };
    }
  };
}
