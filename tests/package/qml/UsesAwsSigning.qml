// Linted with the installed module only: qmllint knows AwsSigning's properties and methods
// from the .qmltypes installed beside the qmldir.
import QtSigV4

AwsSigning {
    id: signing
    region: "us-east-1"
    service: "s3"
    property url shared: signing.presign("https://bucket.s3.amazonaws.com/key", 60)
}
