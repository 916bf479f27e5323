/**
 * The object store on a local filesystem ({@link dev.stowage.store.fs.FsObjectStore}).
 *
 * <ul>
 *   <li>{@code DataLayout}: where buckets, their key trees and temp files live under the data root.
 *   <li>{@code KeyPaths}, {@code NameCodec}: a key's UTF-8 bytes cut at '/' become directories, each segment an
 *       ASCII-only name ({@code %XX} escapes, long segments in continuation directories), the last one the
 *       object file {@code name#o}; no key can name anything outside its bucket.
 *   <li>{@code ObjectHeader}, {@code ObjectBodyWriter}, {@code ObjectFiles}, {@code FsObjectReader}: one file
 *       per object, a small binary header then the bytes.
 *   <li>{@code DurableFiles}: the one crash-safe write sequence (temp file, fsync, rename, fsync directory).
 *   <li>{@code InstanceTempDir}: this process's temp directory, and removal of dead processes' leftovers.
 *   <li>{@code KeyLister}, {@code ListingFilter}, {@code DirectoryListings}: listings in UTF-8 binary order by a
 *       lazy merge over the directories a request can reach.
 *   <li>{@code BucketFile}, {@code BucketCache}, {@code BucketLocks}: bucket facts and their caching.
 * </ul>
 */
package dev.stowage.store.fs;
