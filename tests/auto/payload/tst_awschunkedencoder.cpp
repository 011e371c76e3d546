// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// aws-chunked encoding: the AWS S3 documentation's streaming examples (signed chunks, and signed
// chunks with a signed CRC32C trailer) byte for byte, the unsigned-trailer form, the encoded
// length, CRC-32/CRC-32C check values, and AwsChunkedUploadDevice over random-access and
// sequential sources.
#include "payload/awscrc32_p.h"

#include <qtsigv4/awschunkedencoder.h>
#include <qtsigv4/awschunkeduploaddevice.h>
#include <qtsigv4/awssigner.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using Mode = AwsSigningConfig::PayloadMode;
using Checksum = AwsSigningConfig::ChecksumAlgorithm;

namespace {

// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and
// sigv4-streaming-trailers.html: PUT /examplebucket/chunkObject.txt, 66560 bytes of 'a'.
const QDateTime DocTime(QDate(2013, 5, 24), QTime(0, 0), QTimeZone::utc());
const AwsCredentials DocCredentials(QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                                    QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
const QByteArray DocData(66560, 'a');

AwsSigningConfig streamingConfig(Mode mode, Checksum checksum = Checksum::None)
{
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setPayloadMode(mode);
    config.setTrailingChecksum(checksum);
    return config;
}

AwsSigningKey docKey()
{
    return AwsSigningKey(DocCredentials, DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
}

// Signs the documented request with the encoder's headers; `withLength` signs Content-Length
// too (the first example does, the trailer example does not).
AwsSigningResult signDocRequest(const AwsSigningConfig &config, const AwsChunkedEncoder &encoder,
                                bool withLength)
{
    AwsHttpRequest request("PUT", "/examplebucket/chunkObject.txt",
                           { { "Host", "s3.amazonaws.com" },
                             { "x-amz-date", "20130524T000000Z" },
                             { "x-amz-storage-class", "REDUCED_REDUNDANCY" } });
    const AwsHeaderList headers = encoder.headersFor(DocData.size());
    for (const auto &[name, value] : headers) {
        if (withLength || name != "Content-Length")
            request.setHeader(name, value);
    }
    return AwsSigner(config).sign(request, docKey(), DocTime);
}

QByteArray encodeAll(AwsChunkedEncoder &encoder, const QByteArray &data)
{
    QByteArray out;
    for (qsizetype at = 0; at < data.size(); at += encoder.chunkSize())
        out += encoder.encodeChunk(QByteArrayView(data).sliced(at, qMin<qsizetype>(encoder.chunkSize(), data.size() - at)));
    return out + encoder.finish();
}

QByteArray signedChunk(qsizetype size, const QByteArray &signature)
{
    return QByteArray::number(size, 16) + ";chunk-signature=" + signature + "\r\n" + QByteArray(size, 'a')
            + (size ? "\r\n" : "");
}

// A sequential source that hands out its data in small pieces, one per event-loop turn.
class TrickleDevice : public QIODevice
{
public:
    TrickleDevice(const QByteArray &data, qsizetype piece) : m_data(data), m_piece(piece)
    {
        open(QIODevice::ReadOnly);
        QMetaObject::invokeMethod(this, [this] { deliver(); }, Qt::QueuedConnection);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_available - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_available - m_pos);
        if (n <= 0)
            return m_available == m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void deliver()
    {
        m_available = qMin<qint64>(m_data.size(), m_available + m_piece);
        Q_EMIT readyRead();
        if (m_available < m_data.size())
            QMetaObject::invokeMethod(this, [this] { deliver(); }, Qt::QueuedConnection);
        else
            Q_EMIT readChannelFinished();
    }
    QByteArray m_data;
    qsizetype m_piece;
    qint64 m_available = 0;
    qint64 m_pos = 0;
};

QByteArray readToEnd(AwsChunkedUploadDevice &device)
{
    QByteArray out;
    bool failed = false;
    QObject context;
    QObject::connect(&device, &AwsChunkedUploadDevice::failed, &context, [&failed] { failed = true; });
    QElapsedTimer clock;
    clock.start();
    while (!failed && out.size() < device.encodedLength() && clock.elapsed() < 10000) {
        const QByteArray piece = device.read(7000);
        out += piece;
        if (piece.isEmpty())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return out;
}

} // namespace

class tst_AwsChunkedEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crcCheckValues();
    void documentedSignedChunks();
    void documentedSignedTrailer();
    void signerUsesPayloadMarker();
    void unsignedTrailer_data();
    void unsignedTrailer();
    void encodedLengthMatches_data();
    void encodedLengthMatches();
    void encodedLengthOfLargeBodies_data();
    void encodedLengthOfLargeBodies();
    void invalidConfigurations();
    void stateErrors();
    void deviceOverRandomAccessSource();
    void deviceOverSequentialSource();
    void deviceFailsOnShortSource();
    void deviceFailsOnLongSource_data();
    void deviceFailsOnLongSource();
};

void tst_AwsChunkedEncoder::crcCheckValues()
{
    using QtSigV4Private::Crc32;
    QCOMPARE(Crc32::checksum("123456789"), 0xCBF43926u);
    QCOMPARE(Crc32::checksum("123456789", Crc32::Castagnoli), 0xE3069283u);
    QCOMPARE(Crc32::checksum(""), 0u);
    Crc32 incremental(Crc32::Castagnoli);
    incremental.addData("1234");
    incremental.addData("56789");
    QCOMPARE(incremental.value(), 0xE3069283u);
    QCOMPARE(incremental.result().toHex(), QByteArray("e3069283"));
}

void tst_AwsChunkedEncoder::documentedSignedChunks()
{
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSigned);
    AwsChunkedEncoder encoder(config);
    QCOMPARE(encoder.encodedLength(DocData.size()), qint64(66824));
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    QVERIFY2(seed.isValid(), qPrintable(seed.errorString()));
    QCOMPARE(seed.signedHeaders(), QByteArray("content-encoding;content-length;host;x-amz-content-sha256;"
                                              "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class"));
    QCOMPARE(seed.signature(), QByteArray("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));

    QVERIFY2(encoder.start(seed, docKey()), qPrintable(encoder.errorString()));
    const QByteArray expected =
            signedChunk(65536, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
            + signedChunk(1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497")
            + signedChunk(0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9") + "\r\n";
    const QByteArray encoded = encodeAll(encoder, DocData);
    QCOMPARE(encoded.size(), 66824);
    QVERIFY(encoded == expected);
    QVERIFY(encoder.isFinished());
}

void tst_AwsChunkedEncoder::documentedSignedTrailer()
{
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSignedWithTrailer, Checksum::Crc32c);
    AwsChunkedEncoder encoder(config);
    const AwsSigningResult seed = signDocRequest(config, encoder, false);
    QVERIFY2(seed.isValid(), qPrintable(seed.errorString()));
    QCOMPARE(seed.signature(), QByteArray("106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"));

    QVERIFY2(encoder.start(seed, docKey()), qPrintable(encoder.errorString()));
    const QByteArray expected =
            signedChunk(65536, "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2")
            + signedChunk(1024, "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7")
            + signedChunk(0, "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992")
            + "x-amz-checksum-crc32c:sOO8/Q==\r\n"
              "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n";
    const QByteArray encoded = encodeAll(encoder, DocData);
    QVERIFY(encoded == expected);
    QCOMPARE(encoder.checksumValue(), QByteArray("sOO8/Q=="));
    QCOMPARE(encoder.encodedLength(DocData.size()), qint64(expected.size()));
}

void tst_AwsChunkedEncoder::signerUsesPayloadMarker()
{
    // A streaming configuration signs the marker even when the caller did not set it.
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSignedWithTrailer, Checksum::Crc32);
    const AwsHttpRequest request("PUT", "/b/k", { { "Host", "s3.amazonaws.com" } });
    const AwsSigningResult result = AwsSigner(config).sign(request, docKey(), DocTime);
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QCOMPARE(result.payloadHash(), QByteArray("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"));
    QVERIFY(result.headersToAdd().contains({ "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" }));
}

void tst_AwsChunkedEncoder::unsignedTrailer_data()
{
    QTest::addColumn<Checksum>("checksum");
    QTest::addColumn<QByteArray>("trailer");
    // Expected values from Python's zlib.crc32 and hashlib.sha256.
    QTest::newRow("crc32") << Checksum::Crc32 << QByteArray("x-amz-checksum-crc32:sK4Y7A==");
    QTest::newRow("crc32c") << Checksum::Crc32c << QByteArray("x-amz-checksum-crc32c:sOO8/Q==");
    QTest::newRow("sha256") << Checksum::Sha256
                            << QByteArray("x-amz-checksum-sha256:zWnTiHxq+SZLEA17dgIzEzXZqn4718MM3G1vS/uzyIg=");
}

void tst_AwsChunkedEncoder::unsignedTrailer()
{
    QFETCH(Checksum, checksum);
    QFETCH(QByteArray, trailer);
    const AwsSigningConfig config = streamingConfig(Mode::StreamingUnsignedWithTrailer, checksum);
    AwsChunkedEncoder encoder(config);
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    QVERIFY2(encoder.start(seed, AwsSigningKey()), qPrintable(encoder.errorString()));
    const QByteArray expected = "10000\r\n" + QByteArray(65536, 'a') + "\r\n400\r\n" + QByteArray(1024, 'a')
            + "\r\n0\r\n" + trailer + "\r\n\r\n";
    QVERIFY(encodeAll(encoder, DocData) == expected);
    QCOMPARE(encoder.encodedLength(DocData.size()), qint64(expected.size()));
    const AwsHeaderList headers = encoder.headersFor(DocData.size());
    QVERIFY(headers.contains({ "x-amz-trailer", trailer.left(trailer.indexOf(':')) }));
    QVERIFY(headers.contains({ "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER" }));
}

void tst_AwsChunkedEncoder::encodedLengthMatches_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<Checksum>("checksum");
    QTest::addColumn<qint64>("chunkSize");
    QTest::addColumn<qint64>("size");
    const qint64 sizes[] = { 0, 1, 8191, 8192, 8193, 65536, 65537, 300001 };
    for (qint64 size : sizes) {
        QTest::addRow("signed-%lld", size) << Mode::StreamingSigned << Checksum::None << qint64(8192) << size;
        QTest::addRow("signed-trailer-%lld", size) << Mode::StreamingSignedWithTrailer << Checksum::Sha256 << qint64(65536) << size;
        QTest::addRow("unsigned-trailer-%lld", size) << Mode::StreamingUnsignedWithTrailer << Checksum::Crc32 << qint64(10000) << size;
    }
}

void tst_AwsChunkedEncoder::encodedLengthMatches()
{
    QFETCH(Mode, mode);
    QFETCH(Checksum, checksum);
    QFETCH(qint64, chunkSize);
    QFETCH(qint64, size);
    AwsSigningConfig config = streamingConfig(mode, checksum);
    config.setChunkSize(chunkSize);
    AwsChunkedEncoder encoder(config);
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    QVERIFY2(encoder.start(seed, docKey()), qPrintable(encoder.errorString()));
    const QByteArray data(size, 'x');
    QCOMPARE(qint64(encodeAll(encoder, data).size()), encoder.encodedLength(size));
}

void tst_AwsChunkedEncoder::encodedLengthOfLargeBodies_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<Checksum>("checksum");
    QTest::addColumn<qint64>("size");
    // Over 2 GiB and 4 GiB (qsizetype and size_t are 32 bits on armhf) up to S3's 5 TiB.
    const qint64 sizes[] = { (qint64(1) << 31) + 1, (qint64(1) << 32) + 12345, qint64(5) << 30, qint64(5) << 40 };
    for (qint64 size : sizes) {
        QTest::addRow("signed-%lld", size) << Mode::StreamingSigned << Checksum::None << size;
        QTest::addRow("signed-trailer-%lld", size) << Mode::StreamingSignedWithTrailer << Checksum::Sha256 << size;
        QTest::addRow("unsigned-trailer-%lld", size) << Mode::StreamingUnsignedWithTrailer << Checksum::Crc32 << size;
    }
}

// Declared sizes too large to encode here: every full chunk adds the same framing, so the
// length is the count of full chunks times what one adds, plus the encoding of the rest, both
// measured by encoding small bodies.
void tst_AwsChunkedEncoder::encodedLengthOfLargeBodies()
{
    QFETCH(Mode, mode);
    QFETCH(Checksum, checksum);
    QFETCH(qint64, size);
    const AwsSigningConfig config = streamingConfig(mode, checksum);
    auto encodedSize = [&config](qint64 n) {
        AwsChunkedEncoder encoder(config);
        const AwsSigningResult seed = signDocRequest(config, encoder, true);
        return encoder.start(seed, docKey()) ? qint64(encodeAll(encoder, QByteArray(n, 'x')).size()) : qint64(-1);
    };
    AwsChunkedEncoder encoder(config);
    const qint64 chunk = encoder.chunkSize();
    const qint64 perChunk = encodedSize(chunk) - encodedSize(0);
    const qint64 expected = size / chunk * perChunk + encodedSize(size % chunk);
    QCOMPARE(encoder.encodedLength(size), expected);
    const AwsHeaderList headers = encoder.headersFor(size);
    QVERIFY(headers.contains({ "Content-Length", QByteArray::number(expected) }));
    QVERIFY(headers.contains({ "x-amz-decoded-content-length", QByteArray::number(size) }));
}

void tst_AwsChunkedEncoder::invalidConfigurations()
{
    AwsSigningConfig small = streamingConfig(Mode::StreamingSigned);
    small.setChunkSize(8191);
    AwsSigningConfig noChecksum = streamingConfig(Mode::StreamingSignedWithTrailer);
    AwsSigningConfig presigned = streamingConfig(Mode::StreamingSigned);
    presigned.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    const AwsSigningConfig whole(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    for (const AwsSigningConfig &config : { small, noChecksum, presigned, whole }) {
        AwsChunkedEncoder encoder(config);
        const AwsSigningResult seed = signDocRequest(streamingConfig(Mode::StreamingSigned), encoder, true);
        QVERIFY(!encoder.start(seed, docKey()));
        QCOMPARE(encoder.error(), AwsChunkedEncoder::InvalidConfigError);
        QVERIFY(!encoder.errorString().isEmpty());
    }
    QVERIFY(small.validate().contains(u"8192"));
}

void tst_AwsChunkedEncoder::stateErrors()
{
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSigned);
    AwsChunkedEncoder encoder(config);
    QVERIFY(encoder.encodeChunk("abc").isEmpty());
    QCOMPARE(encoder.error(), AwsChunkedEncoder::StateError);
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    AwsSigningKey noSecret = docKey();
    noSecret.forgetSecret();
    QVERIFY(!AwsChunkedEncoder(config).start(seed, AwsSigningKey()));
    QVERIFY(encoder.start(seed, docKey()));
    QVERIFY(encoder.encodeChunk(QByteArray(65537, 'a')).isEmpty());
    QVERIFY(!encoder.finish().isEmpty());
    QVERIFY(encoder.finish().isEmpty());
    QCOMPARE(encoder.error(), AwsChunkedEncoder::StateError);
}

void tst_AwsChunkedEncoder::deviceOverRandomAccessSource()
{
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSigned);
    AwsChunkedEncoder encoder(config);
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    QVERIFY(encoder.start(seed, docKey()));
    QByteArray data = DocData;
    QBuffer source(&data);
    QVERIFY(source.open(QIODevice::ReadOnly));
    AwsChunkedUploadDevice device(&source, std::move(encoder), data.size());
    QCOMPARE(device.encodedLength(), qint64(66824));
    const QByteArray encoded = readToEnd(device);
    QCOMPARE(encoded.size(), 66824);
    QVERIFY(encoded.contains("0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"));
    QCOMPARE(device.read(10), QByteArray());
    QVERIFY(device.peakBufferSize() <= config.chunkSize() + 100);
}

void tst_AwsChunkedEncoder::deviceOverSequentialSource()
{
    AwsSigningConfig config = streamingConfig(Mode::StreamingSignedWithTrailer, Checksum::Crc32);
    config.setChunkSize(8192);
    QByteArray data(100000, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char(i * 31 + i / 7);

    AwsChunkedEncoder direct(config);
    const AwsSigningResult seed = signDocRequest(config, direct, true);
    QVERIFY(direct.start(seed, docKey()));
    const QByteArray expected = encodeAll(direct, data);

    AwsChunkedEncoder encoder(config);
    QVERIFY(encoder.start(seed, docKey()));
    TrickleDevice source(data, 3001);
    AwsChunkedUploadDevice device(&source, std::move(encoder), data.size());
    QCOMPARE(device.encodedLength(), qint64(expected.size()));
    const QByteArray encoded = readToEnd(device);
    QCOMPARE(encoded.size(), expected.size());
    QVERIFY(encoded == expected);
    QVERIFY(device.peakBufferSize() <= 8192 + 200);
}

void tst_AwsChunkedEncoder::deviceFailsOnShortSource()
{
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSigned);
    AwsChunkedEncoder encoder(config);
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    QVERIFY(encoder.start(seed, docKey()));
    TrickleDevice source(QByteArray(1000, 'a'), 400);
    AwsChunkedUploadDevice device(&source, std::move(encoder), 2000);
    QSignalSpy failed(&device, &AwsChunkedUploadDevice::failed);
    readToEnd(device);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(device.errorString().contains(u"1000 of the 2000"), qPrintable(device.errorString()));
    QCOMPARE(device.read(10), QByteArray());
}

void tst_AwsChunkedEncoder::deviceFailsOnLongSource_data()
{
    QTest::addColumn<bool>("sequential");
    QTest::addColumn<int>("size");
    QTest::newRow("sequential, one byte more") << true << 2001;
    QTest::newRow("sequential, a chunk more") << true << 2000 + 65536;
    QTest::newRow("random access, one byte more") << false << 2001;
}

// More data than x-amz-decoded-content-length announced: the upload fails instead of sending
// a truncated object (issue 13, item 3).
void tst_AwsChunkedEncoder::deviceFailsOnLongSource()
{
    QFETCH(bool, sequential);
    QFETCH(int, size);
    const AwsSigningConfig config = streamingConfig(Mode::StreamingSigned);
    AwsChunkedEncoder encoder(config);
    const AwsSigningResult seed = signDocRequest(config, encoder, true);
    QVERIFY(encoder.start(seed, docKey()));
    QByteArray data(size, 'a');
    TrickleDevice trickle(data, 700);
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QIODevice *source = sequential ? static_cast<QIODevice *>(&trickle) : &buffer;
    AwsChunkedUploadDevice device(source, std::move(encoder), 2000);
    QSignalSpy failed(&device, &AwsChunkedUploadDevice::failed);
    const QByteArray encoded = readToEnd(device);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(device.errorString().contains(u"more than the 2000 bytes"), qPrintable(device.errorString()));
    QVERIFY2(!encoded.contains("\r\n0;chunk-signature="), "the final chunk was sent");
    QCOMPARE(device.read(10), QByteArray());
}

QTEST_GUILESS_MAIN(tst_AwsChunkedEncoder)
#include "tst_awschunkedencoder.moc"
