// An S3ObjectModel on an AwsSigning: the buckets, or one level of a bucket, a page at a time.
// The root is the AwsSigning element; the test sets the model's bucket, prefix and page size.
import QtSigV4

AwsSigning {
    id: root
    property string keyId
    property string secret
    property S3ObjectModel objects: S3ObjectModel {
        signing: root
    }
    region: "us-east-1"
    accessKeyId: keyId
    secretAccessKey: secret
}
