package dev.stowage.store;

import java.util.List;

/** One page of an upload's parts in part-number order; {@code nextMarker} is the last part number returned. */
public record PartPage(MultipartUpload upload, List<PartInfo> parts, boolean truncated, int nextMarker) {}
