package io.herald.ingest;

/** Lets the microbenchmarks call the API's row mapping, which is package-private. */
public final class ApiJobsRows {
  private ApiJobsRows() {}

  public static RecipientRow toRow(long row, Object value) {
    return ApiJobs.toRow(row, value);
  }
}
