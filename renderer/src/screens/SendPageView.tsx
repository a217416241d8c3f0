// Send's page view: a document's pages at readable size, in the viewer the Inbox uses, with
// each page turned or deleted for real (the engine rewrites the document, so what is shown is
// what is sent). The cover page opens here too, to read. Esc or Close goes back to the
// thumbnail that opened it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { PdfViewer, type PdfViewerHandle } from '../components/PdfViewer';
import { turnedPages, withoutPage, type PageEdit } from '../stores';
import { pagesLabel } from '../format';

export type PageViewTarget = { kind: 'document'; key: string; page: number } | { kind: 'cover' };

const ONLY_PAGE = 'A document needs at least one page: remove the document instead.';

export function SendPageView({ target, onClose: closed }: { target: PageViewTarget; onClose(): void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  // Closed at once, not when React lets it go: until then the rest of Send is inert and the
  // thumbnail could not take focus back.
  const onClose = () => {
    dialog.current?.close();
    closed();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Esc closes the view, and only the view: Send's own Esc would clear the fax.
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <dialog
      ref={dialog}
      className="page-view-dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {target.kind === 'cover' ? (
        <CoverPages titleId={`${id}-title`} onClose={onClose} />
      ) : (
        <DocumentPages titleId={`${id}-title`} docKey={target.key} startPage={target.page} onClose={onClose} />
      )}
    </dialog>
  );
}

function Heading({ titleId, title, detail, onClose }: { titleId: string; title: string; detail: string; onClose(): void }) {
  return (
    <header className="page-view-heading">
      <h2 id={titleId}>{title}</h2>
      <span className="page-view-detail">{detail}</span>
      <button type="button" className="page-view-close" onClick={onClose}>
        Close <kbd aria-hidden="true">Esc</kbd>
      </button>
    </header>
  );
}

function CoverPages({ titleId, onClose }: { titleId: string; onClose(): void }) {
  const desk = useDesk();
  const preview = useSlice(desk.send, (s) => s.coverPreview);
  const pdf = preview.pdfBase64;
  return (
    <>
      <Heading titleId={titleId} title="Cover page" detail="Drawn from the details on the right; change them there." onClose={onClose} />
      {preview.state === 'error' ? (
        <p className="form-error" role="alert">
          The cover page could not be drawn: {preview.message}
        </p>
      ) : pdf ? (
        <PdfViewer documentKey={`cover-${preview.version}`} title="Cover page" pdf={pdf} rotate="off" thumbnails={false} keepWhileLoading />
      ) : (
        <p className="viewer viewer-message" role="status">
          Drawing the cover page…
        </p>
      )}
    </>
  );
}

function DocumentPages({ titleId, docKey, startPage, onClose }: { titleId: string; docKey: string; startPage: number; onClose(): void }) {
  const desk = useDesk();
  const doc = useSlice(desk.send, (s) => s.documents.find((d) => d.key === docKey));
  const [page, setPage] = useState(startPage);
  const [problem, setProblem] = useState<string | null>(null);
  const viewer = useRef<PdfViewerHandle>(null);
  const ready = doc?.state === 'ready' ? doc : null;
  // Removed (or the fax cleared or sent) while open: there is nothing left to show.
  useEffect(() => {
    if (!ready) onClose();
  }, [ready === null]);
  if (!ready) return null;
  const pages = ready.staged.pages;
  const edit = async (edits: PageEdit[], showPage: number) => {
    setProblem(null);
    setPage(Math.min(showPage, edits.length));
    setProblem(await desk.send.getState().editPages(docKey, edits));
  };
  const rotate = (which: number | null, current: number) => void edit(turnedPages(pages, which), current);
  const remove = (current: number) => (pages > 1 ? void edit(withoutPage(pages, current), current) : setProblem(ONLY_PAGE));
  return (
    <div
      className="page-view-body"
      onKeyDown={(e) => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.target instanceof HTMLInputElement || ready.editing) return;
        const current = viewer.current?.currentPage() ?? page;
        if (e.key === 'r' || e.key === 'R') rotate(e.shiftKey ? null : current, current);
        else if (e.key === 'Delete') remove(current);
        else return;
        e.preventDefault();
      }}
    >
      <Heading
        titleId={titleId}
        title={ready.fileName}
        detail={ready.editing ? 'Saving the change…' : `${pagesLabel(pages)}, as they will be sent`}
        onClose={onClose}
      />
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <PdfViewer
        ref={viewer}
        documentKey={ready.staged.documentId}
        title={ready.fileName}
        load={async () => (await desk.api.getStagedDocument({ documentId: ready.staged.documentId })).pdfBase64}
        startPage={page}
        keepWhileLoading
        rotate={{
          page: (current) => !ready.editing && rotate(current, current),
          all: (current) => !ready.editing && rotate(null, current),
        }}
        toolbar={(current) => (
          <button
            type="button"
            className="danger-quiet"
            // Not disabled while a change is saved: a disabled button would drop the focus out of the view.
            onClick={() => !ready.editing && remove(current)}
            aria-disabled={ready.editing}
            title={pages > 1 ? 'Delete this page from the fax (Del)' : ONLY_PAGE}
          >
            Delete page
          </button>
        )}
      />
    </div>
  );
}
