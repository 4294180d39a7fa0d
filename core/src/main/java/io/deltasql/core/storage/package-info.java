/** Where tables live: Delta Kernel engines on deltasql's storage layer (local disks, S3, Azure). */
package io.deltasql.core.storage;
