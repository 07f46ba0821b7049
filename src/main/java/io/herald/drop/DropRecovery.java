package io.herald.drop;

import io.vertx.core.Future;
import java.nio.file.Path;

/** At start: files a stop or crash left half-done had nothing of theirs committed, so they go to error/ saying so. */
final class DropRecovery {
  private final DropStore store;
  private final DropFolders folders;
  private final DropReaders readers;

  DropRecovery(DropStore store, DropFolders folders, DropReaders readers) {
    this.store = store;
    this.folders = folders;
    this.readers = readers;
  }

  Future<Void> recover() {
    return store.unfinished().compose(list -> {
      Future<Void> all = Future.succeededFuture();
      for (DropStore.Unfinished u : list) {
        String reason = "Herald stopped while this file was being processed, so nothing from it was sent: drop it again";
        all = all.compose(v -> readers.run(() -> {
          Path staged = u.stagedPath() == null ? null : Path.of(u.stagedPath());
          if (u.profileId() != null && staged != null && staged.toFile().exists()) {
            Path result = DropFolders.resultOf(staged);
            try (ResultFile r = new ResultFile(result)) {
              r.problem(reason);
              r.summary("nothing was sent");
            }
            folders.deliver(u.profileId(), staged, result, u.name(), false);
          }
          return null;
        }).otherwise(e -> null).compose(x -> store.finishFile(store.pool(), u.id(),
            new DropStore.Finish("error", reason, 0, null, 0, 0, 0, null, null))));
      }
      return all;
    });
  }
}
