package faceblur.storage;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Refuses, with S3's InvalidArgument, every bucket name and key that {@link S3Location} refuses, before the
 * folder-backed store turns it into a path, so the S3 endpoint and {@link ObjectStore} accept the same names.
 * S3Proxy 4.1.0 alone refuses most {@code ..} forms, but (seen in TraversalTest without this class) it starts a
 * multipart upload for {@code ../x}, stores {@code a/./b} as a second name for {@code a/b}, keeps backslashes as
 * part of a file name, and for {@code bucket/.} or {@code x/..} tries to move the upload onto the bucket's folder.
 */
final class BucketConfinedBlobStore extends ForwardingBlobStore {

    BucketConfinedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        checkPrefix(request.bucket(), request.prefix());
        return super.list(request);
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        checkPrefix(request.bucket(), request.prefix());
        return super.listVersions(request);
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        checkPrefix(request.bucket(), request.prefix());
        super.clearContainer(request);
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        checkBucket(request.bucket());
        return super.headBucket(request);
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        checkBucket(request.bucket());
        return super.createContainer(request);
    }

    @Override
    public BucketCannedACL getContainerAccess(String bucket) {
        checkBucket(bucket);
        return super.getContainerAccess(bucket);
    }

    @Override
    public void setContainerAccess(String bucket, BucketCannedACL access) {
        checkBucket(bucket);
        super.setContainerAccess(bucket, access);
    }

    @Override
    public void deleteContainer(String bucket) {
        checkBucket(bucket);
        super.deleteContainer(bucket);
    }

    @Override
    public void deleteBucket(String bucket) {
        checkBucket(bucket);
        super.deleteBucket(bucket);
    }

    @Override
    public boolean blobExists(String bucket, String key) {
        check(bucket, key);
        return super.blobExists(bucket, key);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        check(request.bucket(), request.key());
        return super.putBlob(request, content);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        check(request.sourceBucket(), request.sourceKey());
        check(request.destinationBucket(), request.destinationKey());
        return super.copyBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        check(request.bucket(), request.key());
        return super.blobMetadata(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        check(request.bucket(), request.key());
        return super.getBlob(request);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        check(request.bucket(), request.key());
        return super.removeBlob(request);
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        if (request.delete() != null) {
            for (ObjectIdentifier object : request.delete().objects()) {
                check(request.bucket(), object.key());
            }
        }
        return super.removeBlobs(request);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key) {
        check(bucket, key);
        return super.getBlobAccess(bucket, key);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
        check(bucket, key);
        return super.getBlobAccess(bucket, key, versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        check(request.bucket(), request.key());
        return super.getBlobAcl(request);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access) {
        check(bucket, key);
        super.setBlobAccess(bucket, key, access);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access, String versionId) {
        check(bucket, key);
        super.setBlobAccess(bucket, key, access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        check(request.bucket(), request.key());
        return super.initiateMultipartUpload(request);
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        check(upload);
        super.abortMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        check(upload);
        return super.completeMultipartUpload(upload, request);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream content) {
        check(upload);
        return super.uploadMultipartPart(upload, request, content);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        check(upload);
        return super.listMultipartUpload(upload);
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String bucket) {
        checkBucket(bucket);
        return super.listMultipartUploads(bucket);
    }

    private static void check(MultipartUpload upload) {
        check(upload.containerName(), upload.blobName());
    }

    private static void check(String bucket, String key) {
        checkBucket(bucket);
        String problem = S3Location.keyProblem(key);
        if (problem != null) {
            throw S3Exceptions.invalidArgument("the key " + problem);
        }
    }

    private static void checkPrefix(String bucket, String prefix) {
        checkBucket(bucket);
        if (prefix != null && !prefix.isEmpty() && S3Location.keyProblem(prefix) != null) {
            throw S3Exceptions.invalidArgument("the prefix " + S3Location.keyProblem(prefix));
        }
    }

    private static void checkBucket(String bucket) {
        try {
            S3Location.requireValidBucket(bucket);
        } catch (StorageException e) {
            throw S3Exceptions.invalidArgument("invalid bucket name");
        }
    }
}
