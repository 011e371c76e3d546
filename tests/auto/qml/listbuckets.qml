// Lists the buckets of an S3 endpoint with XMLHttpRequest; AwsSigning signs the request.
// The root is the AwsSigning element itself: no other QML module is needed.
import QtSigV4

AwsSigning {
    id: root
    property string keyId
    property string secret
    property int status: 0
    property string responseText
    property var buckets: []
    region: "us-east-1"
    service: "s3"
    accessKeyId: keyId
    secretAccessKey: secret

    function listBuckets() {
        const xhr = new XMLHttpRequest()
        xhr.onreadystatechange = function() {
            if (xhr.readyState !== XMLHttpRequest.DONE)
                return
            root.responseText = xhr.responseText
            const names = []
            const re = /<Name>([^<]*)<\/Name>/g
            let m
            while ((m = re.exec(xhr.responseText)) !== null)
                names.push(m[1])
            root.buckets = names
            root.status = xhr.status
        }
        xhr.open("GET", root.endpoint.toString().replace(/\/$/, "") + "/")
        xhr.send()
    }
}
