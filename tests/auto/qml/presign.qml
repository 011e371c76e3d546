// Presigns a URL with the credentials the signing uses (no keys here: the default chain, which
// the test points at moto's keys through the environment).
import QtSigV4

AwsSigning {
    id: root
    property string presignedUrl
    property string errorString
    property bool done: false
    region: "us-east-1"
    service: "s3"

    function presignObject(url) {
        return root.presign(url, 300, function(signed, error) {
            root.presignedUrl = signed
            root.errorString = error
            root.done = true
        }).toString()
    }
}
