// An S3Transfer on an AwsSigning; the test sets bucket, key and localFile and calls upload(),
// download(), stop() and cancel().
import QtSigV4

AwsSigning {
    id: root
    property string keyId
    property string secret
    property S3Transfer transfer: S3Transfer {
        signing: root
    }
    region: "us-east-1"
    accessKeyId: keyId
    secretAccessKey: secret
}
