"""Generates linear-mnist.pt, the TorchScript fixture of TorchScriptTargetTest.

A fixed linear model on flattened 1x28x28 inputs with weights
    W[c, j] = sin(0.01 * (c + 1) * (j + 1)) / 10,   b[c] = (c - 4.5) / 10
so the Java test can compute the expected logits itself, independently of the file.

Made with Debian's python3-torch 1.13.1 (apt-get install python3-torch):
    /usr/bin/python3 make_linear_torchscript.py
"""
import math

import torch

model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
with torch.no_grad():
    for c in range(10):
        model[1].bias[c] = (c - 4.5) / 10
        for j in range(784):
            model[1].weight[c, j] = math.sin(0.01 * (c + 1) * (j + 1)) / 10
scripted = torch.jit.script(model)
scripted.save("linear-mnist.pt")
print("wrote linear-mnist.pt")

# dropout-mnist.pt: with dropout, to check that dpaudit queries the model in eval mode (dropout off):
# the same input must give the same logits every time, also through the gradient path.
torch.manual_seed(0)
dropout_model = torch.nn.Sequential(
    torch.nn.Flatten(), torch.nn.Linear(784, 32), torch.nn.ReLU(), torch.nn.Dropout(0.5), torch.nn.Linear(32, 10))
dropout_model.eval()
torch.jit.script(dropout_model).save("dropout-mnist.pt")
print("wrote dropout-mnist.pt")
